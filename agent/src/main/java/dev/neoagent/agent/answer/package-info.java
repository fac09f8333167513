/**
 * {@link dev.neoagent.agent.answer.Answers}: every answer the agent writes into a user's hash (redis-contract.md §2),
 * the status, message and result fields of each request type as one map, written in one HSET with the flag's final
 * value. It also sums several orders' outcomes into one ({@link dev.neoagent.agent.answer.Answers.OrderAnswer}) and
 * picks an answer's audit details. The dispatcher answers a request it served with it, the reconciler a request a
 * stopped agent left, so both answer alike.
 *
 * <p>Pure functions: no Redis, no broker, no clock (times are passed in). Imports the contract, {@code json}, and the
 * value types of the agent's {@code command} and {@code order} packages.
 */
package dev.neoagent.agent.answer;
