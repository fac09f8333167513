-- Fires an armed level order at most once (redis-contract.md §2.3): only while its trigger still
-- reads "waiting" and no cancel has landed, and (for a spot crossing) only if the level and index
-- are still the ones the crossing was measured against. Two agents cannot both fire it.
-- KEYS[1] user hash, KEYS[2] claims hash, KEYS[3] in-flight hash, KEYS[4] global halt key,
-- KEYS[5] instrument info hash, KEYS[6] the user's NEO_OWNER key, KEYS[7] this agent's NEO_AGENT lease
-- after the names of level_names.lua: ARGV[A] command id, ARGV[A+1] claimed-at, ARGV[A+2] agent id,
-- ARGV[A+3] request type name, ARGV[A+4] expected level text ('' = fired by PLACE_LEVEL_*),
-- ARGV[A+5] expected index, ARGV[A+6] user halt field, ARGV[A+7] '1' when fired by its place flag,
-- ARGV[A+8] the instrument info field holding the load time
-- Returns false when not fired, else {legs present, legs, global halt, user halt, loaded_at}.
-- only the user's owner claims (redis-contract.md §3), and only while its lease lives: a second agent, or one whose
-- lease ran out while it was paused, finds nothing
if redis.call('GET', KEYS[6]) ~= ARGV[A + 2] or redis.call('EXISTS', KEYS[7]) == 0 then
  return false
end
local byPlace = ARGV[A + 7] == '1'
if byPlace and redis.call('HGET', KEYS[1], F.place) ~= V.requested then
  return false
end
if redis.call('HGET', KEYS[1], F.trigger) ~= V.waiting or redis.call('HGET', KEYS[1], F.status) == V.statusCancelled then
  if byPlace then
    redis.call('HSET', KEYS[1], F.place, V.failed, F.placeMessage,
      'nothing to fire: no ' .. F.legs .. ' order is armed (' .. F.trigger .. ' is not ' .. V.waiting .. ')')
  end
  return false
end
if not byPlace and (redis.call('HGET', KEYS[1], F.level) ~= ARGV[A + 4]
    or redis.call('HGET', KEYS[1], F.index) ~= ARGV[A + 5]) then
  return false
end
redis.call('HSET', KEYS[1], F.trigger, V.triggered, F.status, V.statusProcessing)
if byPlace then
  redis.call('HSET', KEYS[1], F.place, V.processing)
end
local id = ARGV[A]
redis.call('HSET', KEYS[2], F.trigger, id)
redis.call('HSET', KEYS[3], id, '{"id":"' .. id .. '","type":"' .. ARGV[A + 3] .. '","claimedAt":"' .. ARGV[A + 1]
  .. '","agent":"' .. ARGV[A + 2] .. '","orders":[]}')
local legs = redis.call('HGET', KEYS[1], F.legs)
return {legs and '1' or '0', legs or '', redis.call('GET', KEYS[4]) or '',
  redis.call('HGET', KEYS[1], ARGV[A + 6]) or '', redis.call('HGET', KEYS[5], ARGV[A + 8]) or ''}
