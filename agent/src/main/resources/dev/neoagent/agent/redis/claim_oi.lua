-- Claims one OI crossover signal for one user, atomically: a signal is traded at most once per user,
-- whatever restarts or second agents happen (redis-contract.md §2.9). Marks the request as claim_next.lua
-- does (flag, status, claims, in-flight record), so the answer and a restart's settlement work the same.
-- KEYS[1] user hash, KEYS[2] claims hash, KEYS[3] in-flight hash, KEYS[4] global halt key,
-- KEYS[5] instrument info hash, KEYS[6] the user's OI claims hash, KEYS[7] the user's NEO_OWNER key,
-- KEYS[8] this agent's NEO_AGENT lease
-- ARGV[1] command id, ARGV[2] claimed-at, ARGV[3] agent instance id, ARGV[4] user halt field,
-- ARGV[5] the status value PROCESSING, ARGV[6] the instrument info field holding the load time,
-- ARGV[7] request type name, ARGV[8] flag field, ARGV[9] "processing" value, ARGV[10] status field,
-- ARGV[11] the signal's claim field (<INDEX>|<ts>), ARGV[12] the payload handed back
-- Returns false when this user already claimed the signal, else
-- {'1', payload, global halt, user halt, instruments loaded_at}.
local id, at, agent = ARGV[1], ARGV[2], ARGV[3]
-- only the user's owner claims (redis-contract.md §3), and only while its lease lives: a second agent, or one whose
-- lease ran out while it was paused, finds nothing
if redis.call('GET', KEYS[7]) ~= agent or redis.call('EXISTS', KEYS[8]) == 0 then
  return false
end
if redis.call('HSETNX', KEYS[6], ARGV[11], id) == 0 then
  return false
end
-- a day is far beyond the signal staleness bound: an expired claim can only meet a stale signal
redis.call('EXPIRE', KEYS[6], 86400)
redis.call('HSET', KEYS[1], ARGV[8], ARGV[9], ARGV[10], ARGV[5])
redis.call('HSET', KEYS[2], ARGV[8], id)
redis.call('HSET', KEYS[3], id, '{"id":"' .. id .. '","type":"' .. ARGV[7] .. '","claimedAt":"' .. at
  .. '","agent":"' .. agent .. '","orders":[]}')
return {'1', ARGV[12], redis.call('GET', KEYS[4]) or '', redis.call('HGET', KEYS[1], ARGV[4]) or '',
  redis.call('HGET', KEYS[5], ARGV[6]) or ''}
