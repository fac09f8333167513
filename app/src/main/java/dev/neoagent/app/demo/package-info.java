/**
 * {@code neo-agent demo}: the whole product on one machine with nothing installed but a JDK.
 * {@link dev.neoagent.app.demo.Demo} starts an embedded Redis ({@code EmbeddedRedis}, unless {@code NEO_REDIS_URL}
 * names one), a demo user on the paper broker, the synthetic instrument master loaded through the real bootstrap
 * ({@code PaperMaster.load}), a paper market that swings around its start, and the agent ({@code AgentProcess}).
 * {@code DemoGuard} refuses a Redis that holds anything but demos and marks it {@code NEO_DEMO}; {@code DemoLock}
 * allows one demo per home folder; {@link dev.neoagent.app.demo.DemoRefused} carries a refusal and its exit code.
 *
 * <p>The only package that imports the bootstrap module and embedded-redis. It uses {@code cli.RedisSession} and
 * {@code cli.Users}, and {@code cli.DemoCommand} starts it.
 */
package dev.neoagent.app.demo;
