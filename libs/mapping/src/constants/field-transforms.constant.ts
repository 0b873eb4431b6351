import { FieldTransform } from '../types/field-mapping.type';

// A record keyed by the union, so adding a transform without listing it here fails to compile.
const TRANSFORMS: Record<FieldTransform, true> = {
  string: true,
  number: true,
  integer: true,
  boolean: true,
  date: true,
  datetime: true,
  epoch_ms: true,
  midnight_epoch_ms: true,
  enum: true,
};

/** Every `FieldTransform`, for the mapping document schema. */
export const FIELD_TRANSFORMS = Object.keys(TRANSFORMS) as readonly FieldTransform[];
