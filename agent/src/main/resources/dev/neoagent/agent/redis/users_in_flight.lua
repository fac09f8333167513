-- Which of these users have in-flight records (a request being served, or left by an agent that stopped), so
-- their workers settle what a dead agent left without looking every lease period by themselves.
-- KEYS: the users' in-flight hashes
-- Returns the 1-based positions in KEYS of the non-empty ones.
local found = {}
for k = 1, #KEYS do
  if redis.call('EXISTS', KEYS[k]) == 1 then
    found[#found + 1] = k
  end
end
return found
