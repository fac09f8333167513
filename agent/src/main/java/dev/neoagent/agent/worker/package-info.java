/**
 * The running agent. {@link dev.neoagent.agent.worker.AgentRuntime} runs the loops over the parts {@code AgentWiring}
 * builds: one {@link dev.neoagent.agent.worker.UserWorker} per user on its own virtual thread (wake, claim, serve,
 * answer, let {@code LevelArming} look, have the reconciler settle what a stopped agent left), the spot poller, the
 * level engine, and a housekeeping loop (lease, health samples). {@link dev.neoagent.agent.worker.Dispatcher} serves
 * one claimed request with one switch over the sealed {@code Command}; {@link dev.neoagent.agent.worker.AgentSettings}
 * holds the agent's own settings.
 *
 * <p>The one package that imports every other package of the agent; no other package of the agent imports it. Brokers
 * come in through {@link dev.neoagent.agent.worker.AgentRuntime.UserBrokers}: nothing here knows Kotak, paper or the
 * bootstrap.
 */
package dev.neoagent.agent.worker;
