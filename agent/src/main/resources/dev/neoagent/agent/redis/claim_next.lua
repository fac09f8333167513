-- Claims the first pending request of a user, atomically (redis-contract.md §4 rule 1), and
-- returns with it what serving it needs, so a request costs one round trip to start.
-- KEYS[1] user hash, KEYS[2] claims hash, KEYS[3] in-flight hash, KEYS[4] global halt key,
-- KEYS[5] instrument info hash, KEYS[6] the user's NEO_OWNER key, KEYS[7] this agent's NEO_AGENT lease
-- ARGV[1] command id, ARGV[2] claimed-at, ARGV[3] agent instance id, ARGV[4] user halt field,
-- ARGV[5] the status value PROCESSING, ARGV[6] the instrument info field holding the load time,
-- The prelude (RequestStore.claimTable) holds TYPES: per request type, in serving order, name, flag field,
-- "requested" value, "processing" value, payload field ('' = none), status field ('' = none).
-- Returns false when nothing is pending, else
-- {type name, payload present '1'/'0', payload, global halt, user halt, instruments loaded_at}.
local id, at, agent = ARGV[1], ARGV[2], ARGV[3]
-- only the user's owner claims (redis-contract.md §3), and only while its lease lives: a second agent, or one whose
-- lease ran out while it was paused, finds nothing
if redis.call('GET', KEYS[6]) ~= agent or redis.call('EXISTS', KEYS[7]) == 0 then
  return false
end
for _, t in ipairs(TYPES) do
  local name, flag, requested, processing, payloadField, statusField = t[1], t[2], t[3], t[4], t[5], t[6]
  if redis.call('HGET', KEYS[1], flag) == requested then
    local payload = false
    if payloadField ~= '' then
      payload = redis.call('HGET', KEYS[1], payloadField)
    end
    if statusField ~= '' then
      redis.call('HSET', KEYS[1], flag, processing, statusField, ARGV[5])
    else
      redis.call('HSET', KEYS[1], flag, processing)
    end
    redis.call('HSET', KEYS[2], flag, id)
    redis.call('HSET', KEYS[3], id, '{"id":"' .. id .. '","type":"' .. name .. '","claimedAt":"' .. at
      .. '","agent":"' .. agent .. '","orders":[]}')
    return {name, payload and '1' or '0', payload or '',
      redis.call('GET', KEYS[4]) or '', redis.call('HGET', KEYS[1], ARGV[4]) or '',
      redis.call('HGET', KEYS[5], ARGV[6]) or ''}
  end
end
return false
