package dev.neoagent.app.cli;

import dev.neoagent.cli.SettingFlags;
import dev.neoagent.config.Setting;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code order}: writes one order request into a user's hash exactly as the existing UI does,
 * waits for the agent's answer and prints it. The kinds are subcommands; {@code --uid},
 * {@code --timeout} and the Redis settings may stand before or after the kind.
 */
@Command(
        name = "order",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        description = {
            "Write an order request into a user's Redis hash exactly as the UI does, wait for the agent's "
                    + "answer and print it.",
            "Quantities: --lots N (converted to units with the lot size from NEO_INSTR_META) or --qty N " + "(units)."
        },
        subcommands = {
            SingleOrderCommand.class,
            MultiOrderCommand.class,
            LevelOrderCommand.class,
            EquityOrderCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  SUCCESS: placed (a level: armed; with --wait: fired and placed)",
            "  1  FAILED, denied or refused by the agent (its message is printed);",
            "     also usage, configuration, unknown user and Redis errors",
            "  2  UNKNOWN: the order may have reached the broker (check the order",
            "     book before sending it again); or no answer within --timeout"
        })
final class OrderCommand implements UsesSettings {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private final SettingFlags flags = new SettingFlags();

    @Option(
            names = "--uid",
            scope = ScopeType.INHERIT,
            paramLabel = "UID",
            description = "The user: the Redis hash key the UI writes to (required)")
    String uid;

    @Option(
            names = "--timeout",
            scope = ScopeType.INHERIT,
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long to wait for the agent's answer: 15, 15s, 500ms, 2m (default 15s; "
                    + "a level with --wait waits without limit unless given)")
    Duration timeout;

    @Override
    public List<Setting> settings() {
        return OperatorCommand.SETTINGS;
    }

    @Override
    public SettingFlags flags() {
        return flags;
    }

    Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }
}
