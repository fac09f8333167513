-- Test script (LuaScriptTest): returns its keys and arguments as it received them, and stores the first argument
-- under the first key.
redis.call('SET', KEYS[1], ARGV[1])
local out = {}
for i = 1, #KEYS do out[#out + 1] = KEYS[i] end
for i = 1, #ARGV do out[#out + 1] = ARGV[i] end
return out
