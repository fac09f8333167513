-- Writes a fired level order's answer and disarms it, while the firing is still this command's.
-- A re-arm written meanwhile (trigger back to "waiting") is not shown this answer; a cancel that
-- landed after the order was sent gets the real outcome with a note saying so.
-- KEYS[1] user hash, KEYS[2] claims hash, KEYS[3] in-flight hash, KEYS[4] level-done hash
-- ARGV[1] side, ARGV[2] command id, ARGV[3] status, ARGV[4] message, ARGV[5] result JSON,
-- ARGV[6] note appended when a cancel came too late
local side = ARGV[1]
local trigger = 'LEVEL_' .. side .. '_TRIGGER'
local status, place = 'STATUS_LEVEL_' .. side, 'PLACE_LEVEL_' .. side
redis.call('HDEL', KEYS[3], ARGV[2])
if redis.call('HGET', KEYS[2], trigger) ~= ARGV[2] then
  return 0
end
redis.call('HDEL', KEYS[2], trigger)
local current = redis.call('HGET', KEYS[1], trigger)
if current == 'waiting' then
  return 0
end
local message = ARGV[4]
if current == 'cancelled' or redis.call('HGET', KEYS[1], status) == 'CANCELLED' then
  message = message .. ARGV[6]
end
redis.call('HSET', KEYS[1], status, ARGV[3], 'MSG_LEVEL_' .. side, message, 'RESULT_LEVEL_' .. side, ARGV[5])
redis.call('HDEL', KEYS[1], trigger, 'LEVEL_' .. side .. '_LEVEL', 'LEVEL_' .. side .. '_INDEX')
if redis.call('HGET', KEYS[1], place) == 'processing' then
  redis.call('HSET', KEYS[1], place, 'fetched')
end
redis.call('HSET', KEYS[4], side, cjson.encode({status = ARGV[3], message = message}))
redis.call('EXPIRE', KEYS[4], 86400)
return 1
