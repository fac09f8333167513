-- Writes a fired level order's answer and disarms it, while the firing is still this command's.
-- A re-arm written meanwhile (trigger back to "waiting") is not shown this answer; a cancel that
-- landed after the order was sent gets the real outcome with a note saying so.
-- KEYS[1] user hash, KEYS[2] claims hash, KEYS[3] in-flight hash, KEYS[4] level-done hash
-- after the names of level_names.lua: ARGV[A] side, ARGV[A+1] command id, ARGV[A+2] status,
-- ARGV[A+3] message, ARGV[A+4] result JSON, ARGV[A+5] note appended when a cancel came too late
local side, id = ARGV[A], ARGV[A + 1]
redis.call('HDEL', KEYS[3], id)
if redis.call('HGET', KEYS[2], F.trigger) ~= id then
  return 0
end
redis.call('HDEL', KEYS[2], F.trigger)
local current = redis.call('HGET', KEYS[1], F.trigger)
if current == V.waiting then
  return 0
end
local message = ARGV[A + 3]
if current == V.cancelled or redis.call('HGET', KEYS[1], F.status) == V.statusCancelled then
  message = message .. ARGV[A + 5]
end
redis.call('HSET', KEYS[1], F.status, ARGV[A + 2], F.message, message, F.result, ARGV[A + 4])
redis.call('HDEL', KEYS[1], F.trigger, F.level, F.index)
if redis.call('HGET', KEYS[1], F.place) == V.processing then
  redis.call('HSET', KEYS[1], F.place, V.fetched)
end
redis.call('HSET', KEYS[4], side, cjson.encode({status = ARGV[A + 2], message = message}))
redis.call('EXPIRE', KEYS[4], 86400)
return 1
