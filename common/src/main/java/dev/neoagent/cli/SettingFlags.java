package dev.neoagent.cli;

import dev.neoagent.config.ConfigException;
import dev.neoagent.config.Setting;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command-line flags of some {@link Setting}s, as one command offers them: {@link #addTo} adds one option per
 * setting (its flag, its description, the variable and the default) to a picocli command, and the values given
 * are laid over the environment by {@link #resolve}. A command lists only the settings it uses, so its
 * {@code --help} shows nothing it ignores; both CLIs (the agent's and the bootstrap's) build their flags here,
 * from the same {@code Setting} constants, so a flag is typed once.
 */
public final class SettingFlags {
    private final Map<Setting, String> given = new LinkedHashMap<>();

    /** Adds an option for each setting to {@code command}; a value given lands in this object. */
    public SettingFlags addTo(CommandSpec command, List<Setting> settings) {
        for (Setting setting : settings) {
            command.addOption(OptionSpec.builder(setting.flag())
                    .paramLabel(label(setting))
                    .type(String.class)
                    .description(describe(setting))
                    .setter(new picocli.CommandLine.Model.ISetter() {
                        @Override
                        public <T> T set(T value) {
                            // picocli also "sets" options that were not given, to their (null) default
                            if (value != null) {
                                given.put(setting, String.valueOf(value));
                            }
                            return null;
                        }
                    })
                    .build());
        }
        return this;
    }

    /** The environment with the flags given laid over it, keyed by variable name. */
    public Map<String, String> over(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>(env);
        given.forEach((setting, value) -> merged.put(setting.envVar(), value));
        return merged;
    }

    /** The flags of another command (a parent's) laid under this one's: a value given here wins. */
    public SettingFlags under(SettingFlags parent) {
        SettingFlags merged = new SettingFlags();
        merged.given.putAll(parent.given);
        merged.given.putAll(given);
        return merged;
    }

    /**
     * Reads settings from the environment with the flags laid over it. A bad value is reported under the name
     * it was given by: {@code --redis-url: "x" is not ...} for a flag, {@code NEO_REDIS_URL: ...} for a variable.
     */
    public <T> T resolve(Map<String, String> env, Function<Map<String, String>, T> reader) {
        try {
            return reader.apply(over(env));
        } catch (ConfigException e) {
            for (Setting setting : given.keySet()) {
                if (e.variable().filter(setting.envVar()::equals).isPresent()) {
                    throw e.from(setting.flag());
                }
            }
            throw e;
        }
    }

    /**
     * {@code --redis-url=URL}, {@code --home=DIR}, {@code --redis-ca-file=FILE}, {@code --http-read-timeout-ms=MS}, else
     * {@code VALUE}.
     */
    private static String label(Setting setting) {
        String flag = setting.flag();
        if (flag.endsWith("-url")) {
            return "URL";
        }
        if (flag.endsWith("-ms")) {
            return "MS";
        }
        if (flag.equals("--home")) {
            return "DIR";
        }
        if (flag.endsWith("-file")) {
            return "FILE";
        }
        if (flag.endsWith("-per-sec")) {
            return "N";
        }
        if (flag.endsWith("uids")) {
            return "LIST";
        }
        return "VALUE";
    }

    /** Two lines: the variable and default on their own, so help never breaks a URL or path in two. */
    private static String[] describe(Setting setting) {
        String where = setting.defaultValue().isEmpty()
                ? "(env " + setting.envVar() + ")"
                : "(env " + setting.envVar() + ", default " + setting.defaultValue() + ")";
        return new String[] {setting.description(), where};
    }
}
