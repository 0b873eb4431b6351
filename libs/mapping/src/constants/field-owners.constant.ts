import { FieldOwner } from '../types/field-mapping.type';

const OWNERS: Record<FieldOwner, true> = { postgres: true, crm: true };

/** Every `FieldOwner`, for the mapping document schema. */
export const FIELD_OWNERS = Object.keys(OWNERS) as readonly FieldOwner[];
