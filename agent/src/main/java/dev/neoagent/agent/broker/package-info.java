/**
 * The agent's side of a broker: {@link dev.neoagent.agent.broker.MeteredBroker} wraps each user's
 * {@link dev.neoagent.broker.BrokerAdapter}, records every call's latency and result in
 * {@link dev.neoagent.agent.metrics.AgentMetrics} and remembers how the last login went for {@code /health}; otherwise
 * it behaves exactly as the adapter it wraps.
 *
 * <p>Which adapter a user gets (Kotak or paper) is not decided in the agent: the app passes
 * {@link dev.neoagent.agent.worker.AgentRuntime.UserBrokers} ({@code BrokerFactory::create}). Imports the broker
 * interface, the domain and {@code metrics}; never {@code broker.kotak} or {@code broker.paper}.
 */
package dev.neoagent.agent.broker;
