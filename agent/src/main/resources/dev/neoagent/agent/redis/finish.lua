-- Writes a request's answer in one HSET, but only while this command still owns the request
-- (redis-contract.md §4 rule 4): a re-request written meanwhile (flag back to "requested") or
-- claimed by another agent is never shown this older answer.
-- KEYS[1] user hash, KEYS[2] claims hash, KEYS[3] in-flight hash
-- ARGV[1] flag field, ARGV[2] command id, ARGV[3] value meaning "processing",
-- ARGV[4..] field, value, field, value ... (includes the flag's final value)
-- Returns 1 when the answer was written, 0 when it was superseded.
redis.call('HDEL', KEYS[3], ARGV[2])
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then
  return 0
end
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[3] then
  return 0
end
local fields = {}
for i = 4, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
