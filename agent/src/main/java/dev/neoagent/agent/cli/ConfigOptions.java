package dev.neoagent.agent.cli;

import dev.neoagent.config.AgentConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process settings as command-line flags. Each flag equals one environment variable of
 * {@link AgentConfig#SETTINGS}; a flag given on the command line wins over the variable.
 *
 * <p>The flags are inherited by subcommands ({@code order --redis-url X single ...} and
 * {@code order single --redis-url X ...} both work); the value always lands in this instance.
 */
public final class ConfigOptions {
    private final Map<String, String> flags = new LinkedHashMap<>();

    @Option(scope = ScopeType.INHERIT, names = "--redis-url", paramLabel = "URL", description = "Redis URL (env NEO_REDIS_URL, default redis://127.0.0.1:6379/0)")
    void redisUrl(String value) {
        flags.put(AgentConfig.REDIS_URL.envVar(), value);
    }

    @Option(scope = ScopeType.INHERIT, names = "--home", paramLabel = "DIR", description = "Folder with one <uid>/<uid>.json per user (env NEO_HOME, default ./neo-home)")
    void home(String value) {
        flags.put(AgentConfig.HOME.envVar(), value);
    }

    @Option(scope = ScopeType.INHERIT, names = "--login-url", paramLabel = "URL", description = "Kotak Neo login URL (env NEO_LOGIN_URL, default https://mis.kotaksecurities.com)")
    void loginUrl(String value) {
        flags.put(AgentConfig.LOGIN_URL.envVar(), value);
    }

    @Option(scope = ScopeType.INHERIT, names = "--uids", paramLabel = "LIST", description = "Comma-separated users to serve (env NEO_UIDS, default every user folder)")
    void uids(String value) {
        flags.put(AgentConfig.UIDS.envVar(), value);
    }

    @Option(scope = ScopeType.INHERIT, names = "--http-connect-timeout-ms", paramLabel = "MS", description = "Broker connect timeout (env NEO_HTTP_CONNECT_TIMEOUT_MS, default 5000)")
    void connectTimeout(String value) {
        flags.put(AgentConfig.HTTP_CONNECT_TIMEOUT_MS.envVar(), value);
    }

    @Option(scope = ScopeType.INHERIT, names = "--http-read-timeout-ms", paramLabel = "MS", description = "Broker read timeout (env NEO_HTTP_READ_TIMEOUT_MS, default 10000)")
    void readTimeout(String value) {
        flags.put(AgentConfig.HTTP_READ_TIMEOUT_MS.envVar(), value);
    }

    @Option(scope = ScopeType.INHERIT, names = "--rate-limit-per-sec", paramLabel = "N", description = "Broker requests per second per account (env NEO_RATE_LIMIT_PER_SEC, default 10)")
    void rateLimit(String value) {
        flags.put(AgentConfig.RATE_LIMIT_PER_SEC.envVar(), value);
    }

    /** Environment overlaid with the flags given, as {@link AgentConfig#from} expects. */
    AgentConfig resolve(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(flags);
        return AgentConfig.from(merged);
    }
}
