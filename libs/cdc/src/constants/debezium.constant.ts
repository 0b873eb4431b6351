/** What Debezium writes in place of an unchanged TOASTed column it could not read. */
export const DEBEZIUM_UNAVAILABLE_VALUE = '__debezium_unavailable_value';

/** Default cap on one change event's size; larger ones are dead-lettered. */
export const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
