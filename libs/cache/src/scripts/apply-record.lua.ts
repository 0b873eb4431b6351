/**
 * The version guard, atomic in Redis. KEYS[1] record key; ARGV: version, '1' for a delete,
 * canonical JSON (upserts), tombstone TTL in ms. Returns 1 when written, 0 when the cache holds a
 * newer state, 2 when it already holds exactly this one (a redelivery).
 *
 * Order: a higher version wins; at the same version a delete beats an upsert, because a delete
 * event carries the version of the row it removed. A tombstone keeps its version for the TTL so
 * that a late, older event cannot bring the row back. Versions compare as Lua numbers (doubles),
 * exact up to 2^53.
 */
export const APPLY_RECORD_LUA = `
local current = redis.call('HMGET', KEYS[1], 'v', 'x')
local version = tonumber(ARGV[1])
local isDelete = ARGV[2] == '1'
if current[1] then
  local storedVersion = tonumber(current[1])
  local storedIsDelete = current[2] == '1'
  if version < storedVersion then return 0 end
  if version == storedVersion then
    if storedIsDelete == isDelete then return 2 end
    if storedIsDelete then return 0 end
  end
end
if isDelete then
  redis.call('HSET', KEYS[1], 'v', ARGV[1], 'x', '1', 'd', '')
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
else
  redis.call('HSET', KEYS[1], 'v', ARGV[1], 'x', '0', 'd', ARGV[3])
  redis.call('PERSIST', KEYS[1])
end
return 1
`;
