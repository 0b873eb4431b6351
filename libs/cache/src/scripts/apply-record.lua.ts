/**
 * The version guard, atomic in Redis, for a batch of records in one call. For record i (from 0):
 * KEYS[2i+1] its key, KEYS[2i+2] its collection's truncate marker of the same hash slot; ARGV[1] the tombstone TTL in ms,
 * then per record ARGV[5i+2..5i+6]: version, '1' for a delete, canonical JSON (upserts), the
 * write's WAL position (see below; 0 when it has none), the entry's TTL in seconds (upserts; 0
 * keeps it until changed or deleted). Returns one outcome per record:
 * 1 written, 0 the cache holds a newer state (or the write predates a TRUNCATE), 2 it already
 * holds exactly this one (a redelivery, or CDC catching up with a write-through).
 *
 * The TRUNCATE rule, on every write path: a write carries the WAL position of what it writes and
 * is refused when its table's truncate marker is above it. CDC writes carry their change's LSN;
 * write-through and lazy load carry pg_current_wal_insert_lsn() read in the same statement as the
 * row (a TRUNCATE that removes the row needs an ACCESS EXCLUSIVE lock, so it is logged later, at a
 * higher position). Position 0 (a path that cannot claim one) is not checked. The stored `l` is
 * the highest position known for the stored state: a duplicate raises it and never lowers it, so
 * a record written again by a change after a TRUNCATE is not removed by that TRUNCATE's clearing.
 *
 * Order: a higher version wins; at the same version a delete beats an upsert, because a delete
 * event carries the version of the row it removed. A tombstone keeps its version for the TTL so
 * that a late, older event cannot bring the row back. Versions compare as Lua numbers (doubles),
 * exact up to 2^53.
 */
export const APPLY_RECORDS_LUA = `
local ttl = ARGV[1]
local function apply(key, marker, versionArg, deleteArg, json, lsnArg, ttlArg)
  local lsn = tonumber(lsnArg)
  if lsn > 0 then
    -- A TRUNCATE's event travels on another partition than the rows it removed: any change
    -- logged before it is history, however late it arrives.
    local truncatedAt = redis.call('GET', marker)
    if truncatedAt and lsn < tonumber(truncatedAt) then return 0 end
  end
  local current = redis.call('HMGET', key, 'v', 'x')
  local version = tonumber(versionArg)
  local isDelete = deleteArg == '1'
  if current[1] then
    local storedVersion = tonumber(current[1])
    local storedIsDelete = current[2] == '1'
    if version < storedVersion then return 0 end
    if version == storedVersion then
      if storedIsDelete == isDelete then
        if lsn > tonumber(redis.call('HGET', key, 'l') or '0') then
          redis.call('HSET', key, 'l', lsnArg)
        end
        return 2
      end
      if storedIsDelete then return 0 end
    end
  end
  if isDelete then
    redis.call('HSET', key, 'v', versionArg, 'x', '1', 'd', '', 'l', lsnArg)
    redis.call('PEXPIRE', key, ttl)
  else
    redis.call('HSET', key, 'v', versionArg, 'x', '0', 'd', json, 'l', lsnArg)
    -- A duplicate (above) leaves the TTL alone: the entry lives ttl after its last real write.
    if tonumber(ttlArg) > 0 then
      redis.call('EXPIRE', key, ttlArg)
    else
      redis.call('PERSIST', key)
    end
  end
  return 1
end
local outcomes = {}
for i = 0, #KEYS / 2 - 1 do
  local a = 5 * i + 2
  outcomes[i + 1] = apply(KEYS[2 * i + 1], KEYS[2 * i + 2], ARGV[a], ARGV[a + 1], ARGV[a + 2],
    ARGV[a + 3], ARGV[a + 4])
end
return outcomes
`;

/** Raises the truncate markers in KEYS to ARGV[1] (an LSN); never lowers one. */
export const RAISE_TRUNCATE_MARKERS_LUA = `
for _, key in ipairs(KEYS) do
  local current = tonumber(redis.call('GET', key) or '0')
  if tonumber(ARGV[1]) > current then redis.call('SET', key, ARGV[1]) end
end
return #KEYS
`;

/**
 * Removes the records among KEYS that a TRUNCATE at ARGV[1] (an LSN) wiped out: those whose
 * position is before it, or who have none (l = 0), which lazy loading refills if the row still
 * exists. Records written from later changes or reads stay. Returns how many were removed.
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
