-- A cancel written after a level order was already sent and answered: put the real outcome back,
-- saying that the cancel came too late, and disarm.
-- KEYS[1] user hash, KEYS[2] level-done hash; ARGV[1] side, ARGV[2] note prefix
local side = ARGV[1]
local trigger = 'LEVEL_' .. side .. '_TRIGGER'
local done = redis.call('HGET', KEYS[2], side)
if not done or redis.call('HGET', KEYS[1], trigger) ~= 'cancelled' then
  return 0
end
local outcome = cjson.decode(done)
redis.call('HSET', KEYS[1], 'STATUS_LEVEL_' .. side, outcome.status, 'MSG_LEVEL_' .. side, ARGV[2] .. outcome.message)
redis.call('HDEL', KEYS[1], trigger, 'LEVEL_' .. side .. '_LEVEL', 'LEVEL_' .. side .. '_INDEX')
redis.call('HDEL', KEYS[2], side)
return 1
