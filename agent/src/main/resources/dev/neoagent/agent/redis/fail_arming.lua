-- Refuses an armed level whose fields cannot be served (bad level, unknown index, invalid legs),
-- as long as it is still the arming that was checked, and disarms it.
-- KEYS[1] user hash; after the names of level_names.lua: ARGV[A] level text as checked,
-- ARGV[A+1] index as checked, ARGV[A+2] legs as checked, ARGV[A+3] message
if redis.call('HGET', KEYS[1], F.trigger) ~= V.waiting
    or (redis.call('HGET', KEYS[1], F.level) or '') ~= ARGV[A]
    or (redis.call('HGET', KEYS[1], F.index) or '') ~= ARGV[A + 1]
    or (redis.call('HGET', KEYS[1], F.legs) or '') ~= ARGV[A + 2] then
  return 0
end
redis.call('HSET', KEYS[1], F.status, V.statusFailed, F.message, ARGV[A + 3])
redis.call('HDEL', KEYS[1], F.trigger, F.level, F.index)
return 1
