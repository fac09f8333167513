package dev.neoagent.app.cli;

import dev.neoagent.cli.OneLineErrors;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code neo-agent} command line. The environment is passed in rather than read from
 * {@link System#getenv()} deep inside, so configuration enters once and tests can drive the real
 * commands in-process.
 */
@Command(
        name = "neo-agent",
        mixinStandardHelpOptions = true,
        version = "neo-agent 0.1.0",
        description = "Connects Redis-driven trading UIs to the Kotak Neo broker.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            TestBrokerCommand.class,
            OrderCommand.class,
            ModifyCommand.class,
            CancelCommand.class,
            ExitAllCommand.class,
            OrdersCommand.class,
            StatusCommand.class,
            HaltCommand.class,
            ResumeCommand.class,
            TailCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Cli {

    private Cli() {}

    /** Runs one command line and returns the process exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Cli(), new Factory(env, out, err));
        addSettingFlags(commandLine);
        // a usage error is a failure like any other (1); 2 is kept for "the outcome is not known"
        setUsageExitCode(commandLine);
        // wide enough that no default value (a URL) is broken across lines
        commandLine.setUsageHelpWidth(100);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        OneLineErrors.install(commandLine, env, "");
        return commandLine.execute(args);
    }

    private static void setUsageExitCode(CommandLine command) {
        command.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.FAILED);
        command.getSubcommands().values().forEach(Cli::setUsageExitCode);
    }

    /** Each command gets the flags of exactly the settings it uses. */
    private static void addSettingFlags(CommandLine command) {
        if (command.getCommand() instanceof UsesSettings uses) {
            uses.flags().addTo(command.getCommandSpec(), uses.settings());
        }
        command.getSubcommands().values().forEach(Cli::addSettingFlags);
    }

    /** Hands every command the environment and output streams of this run. */
    private record Factory(Map<String, String> env, PrintStream out, PrintStream err) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == TestBrokerCommand.class) {
                return type.cast(new TestBrokerCommand(env, out, err));
            }
            if (type == DemoCommand.class) {
                return type.cast(new DemoCommand(env, out, err));
            }
            if (type == RunCommand.class) {
                return type.cast(new RunCommand(env, err));
            }
            // the operator commands (order and its kinds, modify, cancel, exit-all, orders, status, halt, resume,
            // tail) share one shape
            if (OperatorCommand.class.isAssignableFrom(type)) {
                return type.getDeclaredConstructor(Map.class, PrintStream.class, PrintStream.class)
                        .newInstance(env, out, err);
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
