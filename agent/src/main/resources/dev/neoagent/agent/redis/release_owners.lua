-- Hands users back (redis-contract.md §3): deletes each owner key that still names this agent, so another agent
-- can take the user. Never touches a user another agent owns.
-- KEYS: the users' NEO_OWNER:<uid> keys; ARGV[1] this agent's instance id
-- Returns the 1-based positions in KEYS of the users released.
local released = {}
for k = 1, #KEYS do
  if redis.call('GET', KEYS[k]) == ARGV[1] then
    redis.call('DEL', KEYS[k])
    released[#released + 1] = k
  end
end
return released
