package dev.neoagent.app.cli;

import dev.neoagent.cli.SettingFlags;
import dev.neoagent.config.Setting;
import java.util.List;

/**
 * A command that takes some process settings as flags ({@code --redis-url}, {@code --home} ...). {@link Cli} adds
 * exactly these flags to it, so its {@code --help} lists only the settings it uses.
 */
interface UsesSettings {
    /** The settings this command reads, in the order its help shows them. */
    List<Setting> settings();

    /** Where the flags given to this command are kept. */
    SettingFlags flags();
}
