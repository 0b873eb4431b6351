/**
 * Takes one call slot of a destination, shared by every replica. KEYS: the rolling window (a
 * sorted set of call times), the day counter, the blocked-until key. ARGV: calls per window,
 * window ms, daily limit (0 = none), ms until the next UTC midnight, a unique member id, the cost
 * (HTTP requests this call makes).
 * Returns {0, used} when granted, {waitMs, used, reason} when not (1 window, 2 daily, 3 blocked).
 * Exact for rolling windows (HubSpot's "190 per 10 s" holds for every 10 s span), unlike a token
 * bucket, which would let a full bucket plus its refill through.
 */
export const ACQUIRE_RATE_SLOT_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local limit = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local dailyLimit = tonumber(ARGV[3])
local blockedUntil = tonumber(redis.call('GET', KEYS[3]) or '0')
if blockedUntil > now then return {blockedUntil - now, 0, 3} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
local used = redis.call('ZCARD', KEYS[1])
local cost = math.min(tonumber(ARGV[6]), limit)
if used + cost > limit then
  -- Wait until enough of the oldest calls have left the window.
  local oldest = redis.call('ZRANGE', KEYS[1], used + cost - limit - 1, used + cost - limit - 1, 'WITHSCORES')
  return {math.max(1, tonumber(oldest[2]) + windowMs - now), used, 1}
end
if dailyLimit > 0 then
  local today = tonumber(redis.call('GET', KEYS[2]) or '0')
  if today + cost > dailyLimit then return {tonumber(ARGV[4]), used, 2} end
  redis.call('INCRBY', KEYS[2], cost)
  redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]) + 3600000)
end
for i = 1, cost do redis.call('ZADD', KEYS[1], now, ARGV[5] .. ':' .. i) end
redis.call('PEXPIRE', KEYS[1], windowMs * 2)
return {0, used + cost, 0}
`;

/** Holds a destination off until ARGV[1] ms from now, for every replica (never shortens a hold). */
export const BLOCK_DESTINATION_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local holdUntil = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if holdUntil > current then redis.call('SET', KEYS[1], holdUntil, 'PX', tonumber(ARGV[1]) + 1000) end
return holdUntil
`;
