/**
 * Health and metrics of the running agent (issue #6).
 *
 * <p>{@link dev.neoagent.agent.metrics.AgentMetrics} is the one place the agent records metrics (Micrometer over a
 * Prometheus registry); {@link dev.neoagent.agent.metrics.HealthServer} serves {@code /health} (JSON, from a
 * {@link dev.neoagent.agent.metrics.HealthCheck} over a {@link dev.neoagent.agent.metrics.HealthSource}) and
 * {@code /metrics} (Prometheus text) on {@code 127.0.0.1}, port {@code NEO_HTTP_PORT}
 * ({@link dev.neoagent.agent.metrics.HealthSettings}). Nothing here reads Redis or the broker itself: the agent
 * passes what it knows in through suppliers, so every piece is testable on its own.
 */
package dev.neoagent.agent.metrics;
