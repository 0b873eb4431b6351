import { FieldDirection } from '../types/field-mapping.type';

const DIRECTIONS: Record<FieldDirection, true> = { out: true, in: true, both: true };

/** Every `FieldDirection`, for the mapping document schema. */
export const FIELD_DIRECTIONS = Object.keys(DIRECTIONS) as readonly FieldDirection[];
