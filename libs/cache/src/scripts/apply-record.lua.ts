/**
 * The version guard, atomic in Redis. KEYS[1] record key, KEYS[2] the entity's truncate marker;
 * ARGV: version, '1' for a delete, canonical JSON (upserts), tombstone TTL in ms, the change's
 * commit-log position (LSN; 0 when the write does not come from CDC). Returns 1 when written, 0
 * when the cache holds a newer state (or the change predates a TRUNCATE), 2 when it already holds
 * exactly this one (a redelivery).
 *
 * Order: a higher version wins; at the same version a delete beats an upsert, because a delete
 * event carries the version of the row it removed. A tombstone keeps its version for the TTL so
 * that a late, older event cannot bring the row back. Versions compare as Lua numbers (doubles),
 * exact up to 2^53.
 */
export const APPLY_RECORD_LUA = `
local lsn = tonumber(ARGV[5])
if lsn > 0 then
  -- A TRUNCATE's event travels on another partition than the rows it removed: any change logged
  -- before it is history, however late it arrives.
  local truncatedAt = redis.call('GET', KEYS[2])
  if truncatedAt and lsn < tonumber(truncatedAt) then return 0 end
end
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
  redis.call('HSET', KEYS[1], 'v', ARGV[1], 'x', '1', 'd', '', 'l', ARGV[5])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
else
  redis.call('HSET', KEYS[1], 'v', ARGV[1], 'x', '0', 'd', ARGV[3], 'l', ARGV[5])
  redis.call('PERSIST', KEYS[1])
end
return 1
`;

/** Raises an entity's truncate marker to ARGV[1] (an LSN); never lowers it. KEYS[1] the marker. */
export const RAISE_TRUNCATE_MARKER_LUA = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
`;

/**
 * Removes the records among KEYS that a TRUNCATE at ARGV[1] (an LSN) wiped out: those written from
 * a change logged before it, or by a non-CDC path (l = 0), which lazy loading refills if the row
 * still exists. Records written from later changes stay. Returns how many were removed.
 */
export const CLEAR_TRUNCATED_LUA = `
local removed = 0
local truncatedAt = tonumber(ARGV[1])
for _, key in ipairs(KEYS) do
  local lsn = tonumber(redis.call('HGET', key, 'l') or '0')
  if lsn < truncatedAt then
    redis.call('UNLINK', key)
    removed = removed + 1
  end
end
return removed
`;
