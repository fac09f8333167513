-- Fires an armed level order at most once (redis-contract.md §2.3): only while its trigger still
-- reads "waiting" and no cancel has landed, and (for a spot crossing) only if the level and index
-- are still the ones the crossing was measured against. Two agents cannot both fire it.
-- KEYS[1] user hash, KEYS[2] claims hash, KEYS[3] in-flight hash, KEYS[4] global halt key,
-- KEYS[5] instrument info hash
-- ARGV[1] command id, ARGV[2] claimed-at, ARGV[3] agent id, ARGV[4] side (CE|PE),
-- ARGV[5] expected level text ('' = fired by PLACE_LEVEL_*), ARGV[6] expected index,
-- ARGV[7] user halt field, ARGV[8] '1' when fired by PLACE_LEVEL_<side>=requested
-- Returns false when not fired, else {legs present, legs, global halt, user halt, loaded_at}.
local side = ARGV[4]
local trigger, level, index = 'LEVEL_' .. side .. '_TRIGGER', 'LEVEL_' .. side .. '_LEVEL', 'LEVEL_' .. side .. '_INDEX'
local legsField, status, place = 'LEVEL_' .. side, 'STATUS_LEVEL_' .. side, 'PLACE_LEVEL_' .. side
local byPlace = ARGV[8] == '1'
if byPlace and redis.call('HGET', KEYS[1], place) ~= 'requested' then
  return false
end
if redis.call('HGET', KEYS[1], trigger) ~= 'waiting' or redis.call('HGET', KEYS[1], status) == 'CANCELLED' then
  if byPlace then
    redis.call('HSET', KEYS[1], place, 'failed', place .. '_MESSAGE',
      'nothing to fire: no ' .. legsField .. ' order is armed (' .. trigger .. ' is not waiting)')
  end
  return false
end
if not byPlace and (redis.call('HGET', KEYS[1], level) ~= ARGV[5] or redis.call('HGET', KEYS[1], index) ~= ARGV[6]) then
  return false
end
redis.call('HSET', KEYS[1], trigger, 'triggered', status, 'PROCESSING')
if byPlace then
  redis.call('HSET', KEYS[1], place, 'processing')
end
local id = ARGV[1]
redis.call('HSET', KEYS[2], trigger, id)
redis.call('HSET', KEYS[3], id, '{"id":"' .. id .. '","type":"LEVEL_' .. side .. '","claimedAt":"' .. ARGV[2]
  .. '","agent":"' .. ARGV[3] .. '","orders":[]}')
local legs = redis.call('HGET', KEYS[1], legsField)
return {legs and '1' or '0', legs or '', redis.call('GET', KEYS[4]) or '', redis.call('HGET', KEYS[1], ARGV[7]) or '',
  redis.call('HGET', KEYS[5], 'loaded_at') or ''}
