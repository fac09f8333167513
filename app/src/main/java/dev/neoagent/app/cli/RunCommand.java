package dev.neoagent.app.cli;

import dev.neoagent.agent.metrics.HealthSettings;
import dev.neoagent.agent.oi.OiSettings;
import dev.neoagent.agent.spot.FeedSettings;
import dev.neoagent.agent.spot.SpotSettings;
import dev.neoagent.agent.state.OrderSettings;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.app.AgentProcess;
import dev.neoagent.app.DemoRedisRefused;
import dev.neoagent.broker.factory.BrokerFactory;
import dev.neoagent.broker.kotak.KotakSettings;
import dev.neoagent.broker.paper.PaperSettings;
import dev.neoagent.cli.SettingFlags;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.ConfigException;
import dev.neoagent.config.Setting;
import dev.neoagent.config.UserConfig;
import dev.neoagent.config.UserConfigLoader;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: serve every configured user until SIGTERM. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Serve every configured user's Redis requests until stopped (SIGTERM / Ctrl-C).")
final class RunCommand implements Callable<Integer>, UsesSettings {
    private final Map<String, String> env;
    private final PrintStream err;

    private final SettingFlags flags = new SettingFlags();

    @Option(
            names = "--allow-demo-redis",
            description = "Serve a Redis the demo ran on (NEO_DEMO is set: it holds the synthetic paper master), "
                    + "which run refuses otherwise")
    private boolean allowDemoRedis;

    RunCommand(Map<String, String> env, PrintStream err) {
        this.env = env;
        this.err = err;
    }

    /** Every process setting: run reads them all. */
    static final List<Setting> SETTINGS = Stream.of(
                    AgentConfig.SETTINGS,
                    List.of(BrokerFactory.BROKER),
                    KotakSettings.SETTINGS,
                    AgentSettings.SETTINGS,
                    SpotSettings.SETTINGS,
                    FeedSettings.SETTINGS,
                    OrderSettings.SETTINGS,
                    OiSettings.SETTINGS,
                    HealthSettings.SETTINGS,
                    PaperSettings.SETTINGS)
            .flatMap(List::stream)
            .toList();

    @Override
    public List<Setting> settings() {
        return SETTINGS;
    }

    @Override
    public SettingFlags flags() {
        return flags;
    }

    @Override
    public Integer call() throws InterruptedException {
        AgentConfig agentConfig;
        KotakSettings kotak;
        List<UserConfig> users;
        AgentSettings settings;
        PaperSettings paper;
        HealthSettings health;
        boolean allPaper;
        try {
            agentConfig = flags.resolve(env, AgentConfig::from);
            AgentConfig resolved = agentConfig;
            kotak = flags.resolve(env, values -> KotakSettings.from(resolved, values));
            // ${NAME} references in user files are read from the environment itself, never from flags
            users = new UserConfigLoader().load(agentConfig.home(), agentConfig.uids(), env);
            settings = flags.resolve(env, AgentSettings::from);
            paper = flags.resolve(env, PaperSettings::from);
            health = flags.resolve(env, HealthSettings::from);
            allPaper = flags.resolve(env, BrokerFactory::allPaper);
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return 1;
        }
        AgentProcess process;
        try {
            process = AgentProcess.start(
                    agentConfig, kotak, users, settings, paper, allPaper, health, allowDemoRedis, Clock.systemUTC());
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return 1;
        } catch (DemoRedisRefused e) {
            err.println("refusing to run: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            process.close();
                            stopped.countDown();
                        },
                        "neo-agent-shutdown"));
        stopped.await();
        return 0;
    }
}
