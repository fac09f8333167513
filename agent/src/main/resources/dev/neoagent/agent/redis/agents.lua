-- The running agents (redis-contract.md §3): registers this agent in the NEO_AGENTS index until its lease runs
-- out, drops the agents whose lease ran out, and returns the live ones. Redis's clock decides, so the agents'
-- clocks need not agree.
-- KEYS[1] NEO_AGENTS; ARGV[1] this agent's instance id, ARGV[2] the lease in ms
-- Returns the live agents' instance ids.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZRANGE', KEYS[1], 0, -1)
