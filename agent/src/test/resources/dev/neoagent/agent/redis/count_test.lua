-- Test script (LuaScriptTest): the number of keys plus arguments it received.
return #KEYS + #ARGV
