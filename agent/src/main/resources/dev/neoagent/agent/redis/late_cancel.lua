-- A cancel written after a level order was already sent and answered: put the real outcome back,
-- saying that the cancel came too late, and disarm.
-- KEYS[1] user hash, KEYS[2] level-done hash; after the names of level_names.lua: ARGV[A] side,
-- ARGV[A+1] note prefix
local side = ARGV[A]
local done = redis.call('HGET', KEYS[2], side)
if not done or redis.call('HGET', KEYS[1], F.trigger) ~= V.cancelled then
  return 0
end
local outcome = cjson.decode(done)
redis.call('HSET', KEYS[1], F.status, outcome.status, F.message, ARGV[A + 1] .. outcome.message)
redis.call('HDEL', KEYS[1], F.trigger, F.level, F.index)
redis.call('HDEL', KEYS[2], side)
return 1
