-- Replaces an in-flight record's detail only while the record exists, so a late asynchronous
-- write never brings back a record the finish script has already removed.
-- KEYS[1] in-flight hash, ARGV[1] command id, ARGV[2] record JSON
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return 'OK'
