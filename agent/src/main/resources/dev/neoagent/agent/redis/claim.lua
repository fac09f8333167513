-- Atomically claims one request of a user (redis-contract.md §4 rule 1).
-- KEYS[1] user hash, KEYS[2] claims hash, KEYS[3] in-flight hash
-- ARGV[1] flag field, ARGV[2] value meaning "requested", ARGV[3] value meaning "processing",
-- ARGV[4] command id, ARGV[5] payload field ('' = none), ARGV[6] status field ('' = none),
-- ARGV[7] status value while processing, ARGV[8] initial in-flight record (JSON)
-- Returns false when the flag is not (or no longer) requested, else {payload-present, payload}.
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then
  return false
end
local payload = false
if ARGV[5] ~= '' then
  payload = redis.call('HGET', KEYS[1], ARGV[5])
end
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3], ARGV[6], ARGV[7])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[4])
redis.call('HSET', KEYS[3], ARGV[4], ARGV[8])
if payload then
  return {'1', payload}
end
return {'0', ''}
