/**
 * Version and tombstone flag of many record keys in one call, for manifests (reconciliation):
 * per key in KEYS one reply, the version as a string (`-<version>` for a tombstone), or false
 * when the key does not exist. Reads only; a few bytes per key instead of the record.
 */
export const READ_RECORD_STAMPS_LUA = `
local stamps = {}
for i, key in ipairs(KEYS) do
  local fields = redis.call('HMGET', key, 'v', 'x')
  if fields[1] then
    if fields[2] == '1' then stamps[i] = '-' .. fields[1] else stamps[i] = fields[1] end
  else
    stamps[i] = false
  end
end
return stamps
`;
