/**
 * Version, tombstone flag and content digest of many record keys in one call (reconciliation
 * summaries): per key in KEYS one reply `<version>:<sha1 hex of the stored JSON>` (`-<version>:`
 * for a tombstone), or false when the key does not exist. Reads only; about 60 bytes per key
 * instead of the record. Relies on the record hash layout of @syncline/cache (`v`, `x`, `d`).
 */
export const READ_CONTENT_STAMPS_LUA = `
local stamps = {}
for i, key in ipairs(KEYS) do
  local fields = redis.call('HMGET', key, 'v', 'x', 'd')
  if fields[1] then
    if fields[2] == '1' then
      stamps[i] = '-' .. fields[1] .. ':'
    else
      stamps[i] = fields[1] .. ':' .. redis.sha1hex(fields[3] or '')
    end
  else
    stamps[i] = false
  end
end
return stamps
`;
