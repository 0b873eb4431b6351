/**
 * The version of the Redis contract published in docs/redis-contract.md (key format, stored
 * fields, tombstones). Raise it when a key's format or a field's meaning changes.
 */
export const REDIS_CONTRACT_VERSION = 1;
