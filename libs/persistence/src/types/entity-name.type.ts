import type { ENTITY_NAMES } from '../constants/entity-names.constant';

export type EntityName = (typeof ENTITY_NAMES)[number];
