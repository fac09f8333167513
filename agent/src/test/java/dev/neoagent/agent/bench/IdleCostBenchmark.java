package dev.neoagent.agent.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.neoagent.agent.metrics.AgentMetrics;
import dev.neoagent.agent.spot.MarketHours;
import dev.neoagent.agent.spot.SpotSettings;
import dev.neoagent.agent.worker.AgentRuntime;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.config.RiskLimits;
import dev.neoagent.config.Secret;
import dev.neoagent.config.UserConfig;
import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What idle users cost (issue 14): the agent's CPU and Redis's commands and CPU per second with N users and no
 * requests, over a window after start-up, next to the same JVM and Redis doing nothing (the baseline). The users'
 * brokers are never called (nobody logs in), so the figures are the agent's own. Not part of {@code mvn verify}:
 * {@code mvn -B -Pbenchmark -pl agent -am test -Dtest=IdleCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (the window is {@code -Dneo.idle.window=20} seconds).
 */
@Tag("benchmark")
class IdleCostBenchmark {
    private static final int[] USERS = java.util.Arrays.stream(
                    System.getProperty("neo.idle.users", "10,100,1000,5000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    /** Start-up work (every worker's first look, the JIT) is not idle cost: wait it out, longer for more users. */
    private static Duration settle(int users) {
        return Duration.ofSeconds(Long.getLong("neo.idle.settle", 5)).plusMillis(users * 2L);
    }

    private static final Duration WINDOW = Duration.ofSeconds(Long.getLong("neo.idle.window", 20));

    @TempDir
    Path home;

    @Test
    void idleCost() throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (RedisTestServer server = RedisTestServer.start()) {
            RedisClient client = RedisClient.create(server.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> redis = connection.sync();
                List<String> rows = new ArrayList<>();
                rows.add(row("baseline (no agent)", 0, measure(os, redis)));
                for (int users : USERS) {
                    redis.flushdb();
                    try (AgentRuntime agent = start(server.url(), users)) {
                        Thread.sleep(settle(users));
                        rows.add(row(users + " idle users", users, measure(os, redis)));
                        assert agent.ownedUsers().size() == users : "the agent owns every user";
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "sweep %s, lease %s, window %s%n",
                        millis(AgentSettings.SWEEP_MS),
                        millis(AgentSettings.AGENT_LEASE_MS),
                        WINDOW);
                System.out.printf(
                        Locale.ROOT,
                        "%-22s %14s %12s %16s %14s%n",
                        "",
                        "agent CPU",
                        "redis CPU",
                        "redis cmds/s",
                        "cmds/user/s");
                rows.forEach(System.out::println);
            } finally {
                client.shutdown();
            }
        }
    }

    private record Sample(double agentCpu, double redisCpu, double commandsPerSecond, String topCommands) {}

    /** Over the window: this JVM's CPU (% of one core), Redis's CPU and commands per second (minus our INFO). */
    private static Sample measure(OperatingSystemMXBean os, RedisCommands<String, String> redis)
            throws InterruptedException {
        java.util.Map<String, Long> perCommand0 = perCommand(redis);
        long cpu0 = os.getProcessCpuTime();
        double redisCpu0 = redisCpu(redis);
        long commands0 = commands(redis);
        java.util.Map<String, Long> threads0 = threadCpu();
        long start = System.nanoTime();
        Thread.sleep(WINDOW);
        long elapsed = System.nanoTime() - start;
        if (Boolean.getBoolean("neo.idle.threads")) {
            java.util.Map<String, Long> threads1 = threadCpu();
            threads1.entrySet().stream()
                    .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threads0.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0)
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(8)
                    .forEach(e -> System.out.printf(
                            Locale.ROOT, "  %-40s %6.2f %%%n", e.getKey(), 100.0 * e.getValue() / elapsed));
        }
        long cpu1 = os.getProcessCpuTime();
        double redisCpu1 = redisCpu(redis);
        long commands1 = commands(redis) - 3; // the INFO calls of this measurement
        double seconds = elapsed / 1e9;
        java.util.Map<String, Long> perCommand1 = perCommand(redis);
        String top = perCommand1.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - perCommand0.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0 && !e.getKey().equals("info"))
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(4)
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue() / seconds) + "/s")
                .collect(java.util.stream.Collectors.joining(", "));
        return new Sample(
                100.0 * (cpu1 - cpu0) / elapsed,
                100.0 * (redisCpu1 - redisCpu0) / seconds,
                (commands1 - commands0) / seconds,
                top);
    }

    /** CPU time per platform thread, by name with digits folded (carriers, GC and JIT threads show as groups). */
    private static java.util.Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                long time = mx.getThreadCpuTime(info.getThreadId());
                cpu.merge(info.getThreadName().replaceAll("[0-9]+", "#"), Math.max(0, time), Long::sum);
            }
        }
        return cpu;
    }

    /** INFO commandstats: calls per command name, to show where the commands go. */
    private static java.util.Map<String, Long> perCommand(RedisCommands<String, String> redis) {
        java.util.Map<String, Long> calls = new java.util.HashMap<>();
        for (String line : redis.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String rest = line.substring(line.indexOf("calls=") + "calls=".length());
                calls.put(name, Long.parseLong(rest.substring(0, rest.indexOf(','))));
            }
        }
        return calls;
    }

    private static String row(String what, int users, Sample sample) {
        return String.format(
                Locale.ROOT,
                "%-22s %12.2f %% %10.2f %% %16.1f %14s   %s",
                what,
                sample.agentCpu(),
                sample.redisCpu(),
                sample.commandsPerSecond(),
                users == 0 ? "-" : String.format(Locale.ROOT, "%.3f", sample.commandsPerSecond() / users),
                sample.topCommands());
    }

    private static long commands(RedisCommands<String, String> redis) {
        return Long.parseLong(info(redis, "stats", "total_commands_processed"));
    }

    private static double redisCpu(RedisCommands<String, String> redis) {
        return Double.parseDouble(info(redis, "cpu", "used_cpu_user"))
                + Double.parseDouble(info(redis, "cpu", "used_cpu_sys"));
    }

    private static String info(RedisCommands<String, String> redis, String section, String field) {
        for (String line : redis.info(section).split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        throw new IllegalStateException("no " + field + " in INFO " + section);
    }

    private AgentRuntime start(String redisUrl, int users) {
        List<UserConfig> configs = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            configs.add(new UserConfig(
                    "idle" + i,
                    Secret.of("key"),
                    "+910000000000",
                    "UCC" + i,
                    Secret.of("1234"),
                    Secret.of("JBSWY3DPEHPK3PXP"),
                    Optional.empty(),
                    home.resolve("idle" + i + ".json"),
                    RiskLimits.DEFAULT));
        }
        // the defaults an operator gets: the sweep and the lease are what idle users cost
        AgentSettings settings = new AgentSettings(
                millis(AgentSettings.SWEEP_MS),
                Duration.ofSeconds(5),
                millis(AgentSettings.AGENT_LEASE_MS),
                Duration.ofMillis(500),
                new SpotSettings(
                        false,
                        Optional.empty(),
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(1),
                        MarketHours.NSE,
                        Duration.ofSeconds(5)));
        return AgentRuntime.start(
                URI.create(redisUrl),
                home,
                configs,
                (user, instruments) -> idleBroker(),
                settings,
                new AgentMetrics(),
                Clock.systemUTC());
    }

    private static Duration millis(dev.neoagent.config.Setting setting) {
        return Duration.ofMillis(Long.parseLong(Long.getLong(
                        "neo.idle." + setting.envVar().toLowerCase(Locale.ROOT), Long.parseLong(setting.defaultValue()))
                + ""));
    }

    /** A broker nobody calls: no session, so no feed, no order book; anything else would be a bug here. */
    private static BrokerAdapter idleBroker() {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return switch (method.getName()) {
                case "hasSession" -> false;
                case "close" -> null;
                case "toString" -> "idle broker";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default ->
                    throw new UnsupportedOperationException("an idle user's broker was asked " + method.getName());
            };
        };
        return (BrokerAdapter) Proxy.newProxyInstance(
                BrokerAdapter.class.getClassLoader(), new Class<?>[] {BrokerAdapter.class}, handler);
    }
}
