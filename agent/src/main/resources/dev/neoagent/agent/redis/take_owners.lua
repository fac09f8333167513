-- Takes users for this agent (redis-contract.md §3): a user nobody owns, or whose owner, as seen a moment ago, has
-- no lease any more. Atomic per user: two agents never both own one, and an owner whose lease lives is never
-- displaced (it hands a user over by releasing it, release_owners.lua).
-- KEYS: per user a pair (NEO_OWNER:<uid>, NEO_AGENT:<owner seen>; 'NEO_AGENT:' when none was seen)
-- ARGV[1] this agent's instance id, then per user the owner seen ('' = none)
-- Returns the 1-based positions (pairs) of the users this agent owns now.
local me = ARGV[1]
local taken = {}
for pair = 1, #KEYS / 2 do
  local ownerKey, seenLease, seen = KEYS[2 * pair - 1], KEYS[2 * pair], ARGV[pair + 1]
  local current = redis.call('GET', ownerKey)
  local take = false
  if current == me then
    taken[#taken + 1] = pair
  elseif current == false then
    take = true
  elseif seen ~= '' and current == seen and redis.call('EXISTS', seenLease) == 0 then
    take = true
  end
  if take then
    redis.call('SET', ownerKey, me)
    taken[#taken + 1] = pair
  end
end
return taken
