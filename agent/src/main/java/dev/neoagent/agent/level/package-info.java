/**
 * Level orders (redis-contract.md §2.3): option legs placed once when an index crosses a level, CE upwards
 * (breakout), PE downwards (breakdown). {@link dev.neoagent.agent.level.LevelEngine} watches every user's armed levels
 * against the spot ({@code NF_SPOT}/{@code BN_SPOT}, on each keyspace notification and every sweep) and hands a
 * crossing to the user's worker, which fires it through an atomic script. {@link dev.neoagent.agent.level.LevelArming}
 * runs on that worker: it reads the user's level fields, checks a new arming at once and tells the engine what is
 * armed ({@link dev.neoagent.agent.level.ArmedLevel}).
 *
 * <p>Imports {@code spot} (values and ages), {@code redis.RequestStore}, {@code order} (the master and the planner, to
 * check an arming) and {@code command} (to parse the legs). Baselines live in this process only, never in Redis.
 */
package dev.neoagent.agent.level;
