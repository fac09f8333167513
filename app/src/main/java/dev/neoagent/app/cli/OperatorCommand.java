package dev.neoagent.app.cli;

import dev.neoagent.cli.SettingFlags;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.ConfigException;
import dev.neoagent.config.Setting;
import io.lettuce.core.RedisException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The common frame of the operator commands: resolve the configuration, run, and turn every
 * expected failure into one line on stderr and an exit code, never a stack trace.
 */
abstract class OperatorCommand implements Callable<Integer>, UsesSettings {
    /** An operator command needs Redis (and its CA for TLS), and the home folder to tell known users from typos. */
    static final List<Setting> SETTINGS = List.of(AgentConfig.REDIS_URL, AgentConfig.REDIS_CA_FILE, AgentConfig.HOME);

    private final SettingFlags flags = new SettingFlags();
    protected final Map<String, String> env;
    protected final PrintStream out;
    protected final PrintStream err;

    OperatorCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public List<Setting> settings() {
        return SETTINGS;
    }

    @Override
    public SettingFlags flags() {
        return flags;
    }

    /** The flags that apply to this run: this command's own, and for a subcommand its parent's below them. */
    protected SettingFlags givenFlags() {
        return flags;
    }

    protected abstract int run(AgentConfig config) throws InterruptedException;

    @Override
    public final Integer call() {
        AgentConfig config;
        try {
            config = givenFlags().resolve(env, AgentConfig::from);
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        try {
            return run(config);
        } catch (CliFailure e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (RedisException e) {
            err.println("Redis error at " + config.redactedRedisUrl() + ": " + RedisSession.reason(e, config));
            return ExitCodes.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return ExitCodes.FAILED;
        }
    }
}
