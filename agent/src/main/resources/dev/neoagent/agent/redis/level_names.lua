-- Prelude of the level scripts: the contract's names for one side, as RequestStore.levelNames passes them
-- (redis-contract.md §2.3), so no script spells a field name or value of its own.
local F = {trigger = ARGV[1], level = ARGV[2], index = ARGV[3], legs = ARGV[4], status = ARGV[5],
  message = ARGV[6], result = ARGV[7], place = ARGV[8], placeMessage = ARGV[9]}
local V = {waiting = ARGV[10], triggered = ARGV[11], cancelled = ARGV[12], statusCancelled = ARGV[13],
  statusProcessing = ARGV[14], statusFailed = ARGV[15], requested = ARGV[16], processing = ARGV[17],
  fetched = ARGV[18], failed = ARGV[19]}
-- ARGV[A] is the script's first own argument
local A = 20
