/**
 * The source that stands for the record's id (its key values as one string, `recordIdOf`): the
 * identity of a collection whose key is composite, or whose key columns are not mapped.
 */
export const RECORD_ID_SOURCE = '$id';
