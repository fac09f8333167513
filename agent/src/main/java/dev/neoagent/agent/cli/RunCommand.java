package dev.neoagent.agent.cli;

import dev.neoagent.agent.worker.AgentRuntime;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.kotak.KotakCredentials;
import dev.neoagent.broker.kotak.KotakNeoAdapter;
import dev.neoagent.broker.kotak.KotakSettings;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.ConfigException;
import dev.neoagent.config.UserConfig;
import dev.neoagent.config.UserConfigLoader;
import io.lettuce.core.RedisException;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/** {@code run}: serve every configured user until SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Serve every configured user's Redis requests until stopped (SIGTERM / Ctrl-C).")
final class RunCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    private final Map<String, String> env;
    private final PrintStream err;

    @Mixin
    private ConfigOptions config = new ConfigOptions();

    RunCommand(Map<String, String> env, PrintStream err) {
        this.env = env;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        AgentConfig agentConfig;
        List<UserConfig> users;
        AgentSettings settings;
        try {
            agentConfig = config.resolve(env);
            users = new UserConfigLoader().load(agentConfig.home(), agentConfig.uids(), env);
            settings = AgentSettings.from(env);
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return 1;
        }
        OkHttpClient http = KotakNeoAdapter.newHttpClient();
        KotakSettings kotak = KotakSettings.from(agentConfig);
        Function<UserConfig, BrokerAdapter> brokers = user ->
                KotakNeoAdapter.create(KotakCredentials.of(user), kotak, http, Clock.systemUTC());

        CountDownLatch stopped = new CountDownLatch(1);
        AgentRuntime runtime = startWhenRedisIsUp(agentConfig, users, brokers, settings, stopped);
        if (runtime == null) {
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            http.dispatcher().executorService().shutdown();
            stopped.countDown();
        }, "neo-agent-shutdown"));
        stopped.await();
        return 0;
    }

    /** Redis may come up after the agent (compose, reboot): keep trying rather than exit. */
    private AgentRuntime startWhenRedisIsUp(AgentConfig agentConfig, List<UserConfig> users,
                                            Function<UserConfig, BrokerAdapter> brokers, AgentSettings settings,
                                            CountDownLatch stopped) throws InterruptedException {
        Duration wait = Duration.ofSeconds(1);
        while (true) {
            try {
                return AgentRuntime.start(agentConfig.redisUrl(), agentConfig.home(), users, brokers, settings,
                        Clock.systemUTC());
            } catch (RedisException e) {
                log.warn("Redis at {} not reachable ({}); retrying in {} s", agentConfig.redactedRedisUrl(),
                        e.getMessage(), wait.toSeconds());
                Thread.sleep(wait);
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : wait.multipliedBy(2);
            }
        }
    }
}
