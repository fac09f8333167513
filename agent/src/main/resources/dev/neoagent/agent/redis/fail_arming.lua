-- Refuses an armed level whose fields cannot be served (bad level, unknown index, invalid legs),
-- as long as it is still the arming that was checked, and disarms it.
-- KEYS[1] user hash; ARGV[1] side, ARGV[2] level text as checked, ARGV[3] index as checked,
-- ARGV[4] legs as checked, ARGV[5] message
local side = ARGV[1]
local trigger, level, index = 'LEVEL_' .. side .. '_TRIGGER', 'LEVEL_' .. side .. '_LEVEL', 'LEVEL_' .. side .. '_INDEX'
if redis.call('HGET', KEYS[1], trigger) ~= 'waiting'
    or (redis.call('HGET', KEYS[1], level) or '') ~= ARGV[2]
    or (redis.call('HGET', KEYS[1], index) or '') ~= ARGV[3]
    or (redis.call('HGET', KEYS[1], 'LEVEL_' .. side) or '') ~= ARGV[4] then
  return 0
end
redis.call('HSET', KEYS[1], 'STATUS_LEVEL_' .. side, 'FAILED', 'MSG_LEVEL_' .. side, ARGV[5])
redis.call('HDEL', KEYS[1], trigger, level, index)
return 1
