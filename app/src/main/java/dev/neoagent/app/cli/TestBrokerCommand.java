package dev.neoagent.app.cli;

import dev.neoagent.broker.BrokerException;
import dev.neoagent.broker.kotak.KotakCredentials;
import dev.neoagent.broker.kotak.KotakNeoAdapter;
import dev.neoagent.broker.kotak.KotakSettings;
import dev.neoagent.cli.SettingFlags;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.ConfigException;
import dev.neoagent.config.Setting;
import dev.neoagent.config.UserConfig;
import dev.neoagent.config.UserConfigLoader;
import dev.neoagent.domain.Decimals;
import dev.neoagent.domain.Limits;
import dev.neoagent.domain.Quote;
import dev.neoagent.domain.QuoteKey;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code test-broker --uid U}: proves a user's configuration works end to end (TOTP login, MPIN,
 * an authenticated read, a quote) and says exactly which step failed otherwise. Exit 0 or 1.
 */
@Command(
        name = "test-broker",
        mixinStandardHelpOptions = true,
        description = "Log in with one user's config, read the limits and the NIFTY 50 spot, print a summary.")
final class TestBrokerCommand implements Callable<Integer>, UsesSettings {
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    private final SettingFlags flags = new SettingFlags();

    @Option(
            names = "--uid",
            required = true,
            paramLabel = "UID",
            description = "User whose <home>/<uid>/<uid>.json to use")
    private String uid;

    TestBrokerCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** The user's file and the Kotak endpoints: test-broker touches no Redis. */
    @Override
    public List<Setting> settings() {
        return List.of(
                AgentConfig.HOME,
                AgentConfig.LOGIN_URL,
                AgentConfig.HTTP_CONNECT_TIMEOUT_MS,
                AgentConfig.HTTP_READ_TIMEOUT_MS);
    }

    @Override
    public SettingFlags flags() {
        return flags;
    }

    @Override
    public Integer call() {
        String step = "configuration";
        try {
            AgentConfig agentConfig = flags.resolve(env, AgentConfig::from);
            UserConfig user = new UserConfigLoader()
                    .load(agentConfig.home(), Optional.of(List.of(uid)), env)
                    .get(0);
            if (user.isPaper()) {
                err.printf(
                        "%s is a paper user (\"broker\": \"paper\" in %s): it trades on the simulated paper broker, "
                                + "so there is no Kotak login to test; test-broker checks users with Kotak credentials%n",
                        user.uid(), agentConfig.home().resolve(user.uid()).resolve(user.uid() + ".json"));
                return 1;
            }
            // One attempt per read: the operator wants to see a failure now, not after retries.
            KotakSettings settings = KotakSettings.from(agentConfig).withReadRetry(1, Duration.ZERO);
            try (KotakNeoAdapter broker = KotakNeoAdapter.create(KotakCredentials.of(user), settings)) {
                out.printf("user        %s (ucc %s)%n", user.uid(), user.ucc());
                step = "login (TOTP + MPIN)";
                broker.login();
                out.printf("login       OK%n");
                step = "limits";
                Limits limits = broker.limits();
                out.printf(
                        "limits      available %s, margin used %s%n",
                        limits.available().toPlainString(), limits.marginUsed().toPlainString());
                step = "NIFTY 50 quote";
                Quote nifty = broker.quotes(List.of(QuoteKey.NIFTY_50)).get(0);
                out.printf("NIFTY 50    %s%n", Decimals.plain(nifty.lastPrice()));
                out.printf("broker OK%n");
                return 0;
            }
        } catch (ConfigException e) {
            err.printf("FAILED at %s: %s%n", step, e.getMessage());
        } catch (BrokerException.AuthFailed e) {
            err.printf("FAILED at %s: %s%n", step, e.getMessage());
        } catch (BrokerException.Transient e) {
            err.printf("FAILED at %s: network or broker unavailable: %s%n", step, e.getMessage());
        } catch (BrokerException e) {
            err.printf("FAILED at %s: %s%n", step, e.getMessage());
        }
        return 1;
    }
}
