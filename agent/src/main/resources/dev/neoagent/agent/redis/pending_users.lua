-- The safety sweep: which of these users have something for their worker to do, in one command for many users
-- (a lost keyspace notification must not leave a request unserved). Reads only the watched fields.
-- KEYS: the users' hashes
-- ARGV: field, value, field, value, ... : a user is pending when any field holds its value
-- Returns the 1-based positions in KEYS of the pending users.
local fields, values = {}, {}
for i = 1, #ARGV, 2 do
  fields[#fields + 1] = ARGV[i]
  values[#values + 1] = ARGV[i + 1]
end
local pending = {}
for k = 1, #KEYS do
  local current = redis.call('HMGET', KEYS[k], unpack(fields))
  for j = 1, #fields do
    if current[j] == values[j] then
      pending[#pending + 1] = k
      break
    end
  end
end
return pending
