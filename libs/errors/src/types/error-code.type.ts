/** Every error code; each names a class in `exceptions/`. */
export type ErrorCode =
  | 'INVALID_CACHE_KEY'
  | 'CACHE_UNAVAILABLE'
  | 'UNDECODABLE_EVENT'
  | 'UNKNOWN_TABLE'
  | 'SCHEMA_VIOLATION'
  | 'OVERSIZED_PAYLOAD'
  | 'SOURCE_UNAVAILABLE'
  | 'VERSION_CONFLICT'
  | 'RECORD_EXISTS'
  | 'DELIVERY_FAILED'
  | 'MAPPING_FAILED'
  | 'INVALID_MAPPING';
