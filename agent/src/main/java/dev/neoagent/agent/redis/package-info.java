/**
 * The user hashes as a request queue, and the agent's own keys. {@link dev.neoagent.agent.redis.RequestStore} claims a
 * request atomically, keeps its in-flight record, fires or refuses a level and writes an answer only while the
 * request is still ours, each step one Lua script ({@code src/main/resources/dev/neoagent/agent/redis/*.lua}, run by
 * SHA through {@code LuaScript}, every key and field name passed in as an argument).
 * {@link dev.neoagent.agent.redis.AgentLease} is this instance's {@code NEO_AGENT:<instance>} liveness key;
 * {@link dev.neoagent.agent.redis.KeyspaceNotifications} switches keyspace events on (on every server the agent finds
 * itself on, after a failover too) and wakes whoever watches a key. {@link dev.neoagent.agent.redis.AgentRedis} is how
 * the agent connects (timeouts, reconnects) to any Redis URL form the common {@code RedisEndpoint} reads.
 *
 * <p>Imports Lettuce (and reactor-core, for the reconnect subscription), the contract and
 * {@code command}'s {@code ClaimedRequest} and {@code CommandId}, and {@code config}'s {@code RedisEndpoint}.
 */
package dev.neoagent.agent.redis;
