/**
 * The Redis contract (redis-contract.md) as code: every key and field name the agent, the bootstrap, the operator
 * CLI and the UIs share, and the values of flags and statuses. Nothing outside this package spells a contract name:
 * {@code ContractNamesTest} (in the app module's tests) greps the main sources of every module for them, Lua scripts
 * included (they receive names as arguments).
 *
 * <ul>
 *   <li>{@link dev.neoagent.contract.InstrumentKeys} - the instrument master the bootstrap writes (§1).</li>
 *   <li>{@link dev.neoagent.contract.SpotKeys} - {@code NF_SPOT}, {@code BN_SPOT} and their timestamps (§1).</li>
 *   <li>{@link dev.neoagent.contract.RequestType} - every request: flag, payload and answer fields (§2).</li>
 *   <li>{@link dev.neoagent.contract.LevelSide} - the level order fields (§2.3).</li>
 *   <li>{@link dev.neoagent.contract.Flags} - flag and status values.</li>
 *   <li>{@link dev.neoagent.contract.UserFields} - the UI's own switches.</li>
 *   <li>{@link dev.neoagent.contract.AgentKeys} - kill switches, leases, audit, in-flight, level outcomes, claims and
 *       the demo's mark {@code NEO_DEMO} (§2.10, §3).</li>
 *   <li>{@link dev.neoagent.contract.OrderTags} - the order tag sent to Kotak as {@code ig} (§3).</li>
 * </ul>
 *
 * <p>Imports only the domain ({@code Segment}, {@code Decimals}), so every module may use it; it holds names and
 * their spelling, no Redis client.
 */
package dev.neoagent.contract;
