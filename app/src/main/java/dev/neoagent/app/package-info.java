/**
 * The application that wires the libraries and ships them. {@link dev.neoagent.app.Main} is the entry point of the
 * shaded {@code app/target/neo-agent.jar} and hands over to {@code cli.Cli}. {@link dev.neoagent.app.AgentProcess} is
 * what {@code run} and {@code demo} run: a {@code BrokerFactory}, the metrics and the health endpoint first, then the
 * agent's {@code AgentRuntime} as soon as Redis answers; it refuses a Redis a demo marked
 * ({@link dev.neoagent.app.DemoRedisRefused}) unless told otherwise.
 *
 * <p>May import common, the agent and the bootstrap (never the test kit outside tests). Its three packages import each
 * other: {@code Main} starts {@code cli.Cli}, the {@code run} and {@code demo} commands use {@code AgentProcess}, the
 * demo reuses {@code cli.RedisSession} and {@code cli.Users}.
 */
package dev.neoagent.app;
