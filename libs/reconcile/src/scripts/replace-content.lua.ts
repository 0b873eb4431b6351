/**
 * A compare-and-set of a record's data at an unchanged version (same version, different data):
 * KEYS[1] the record, KEYS[2] its collection's truncate marker; ARGV[1] the version seen, ARGV[2]
 * the sha1 hex of the data seen, ARGV[3] the data to store, ARGV[4] the WAL position the data was
 * read at. Writes only when the record still holds exactly what was seen (a newer write, a
 * delete or another repair since wins) and no TRUNCATE came after the read. Returns 1 when
 * written, else 0. Relies on the record hash layout of @syncline/cache (`v`, `x`, `d`).
 */
export const REPLACE_CONTENT_LUA = `
local version, seen, json, position = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local truncatedAt = redis.call('GET', KEYS[2])
if truncatedAt and position < tonumber(truncatedAt) then return 0 end
local fields = redis.call('HMGET', KEYS[1], 'v', 'x', 'd')
if not fields[1] or fields[2] == '1' then return 0 end
if tonumber(fields[1]) ~= tonumber(version) then return 0 end
if redis.sha1hex(fields[3] or '') ~= seen then return 0 end
redis.call('HSET', KEYS[1], 'd', json)
return 1
`;
