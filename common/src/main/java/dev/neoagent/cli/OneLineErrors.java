package dev.neoagent.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How both CLIs fail: one line on stderr that says what is wrong and what to do, never a usage page or a stack
 * trace (an operator reads the line; a script reads the exit code). With {@code NEO_LOG_LEVEL=DEBUG} (or TRACE) an
 * unexpected error also prints its stack trace, for a bug report.
 */
public final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private final boolean debug;
    private final String usageHint;

    /**
     * @param usageHint what a usage error line ends with after the problem, e.g. the command's main forms; empty
     *                  for the default {@code see: <command> --help}
     */
    private OneLineErrors(Map<String, String> env, String usageHint) {
        String level = env.getOrDefault("NEO_LOG_LEVEL", "").strip().toUpperCase(Locale.ROOT);
        this.debug = level.equals("DEBUG") || level.equals("TRACE");
        this.usageHint = usageHint;
    }

    /** Installs the handlers on {@code commandLine} (and its subcommands). */
    public static CommandLine install(CommandLine commandLine, Map<String, String> env, String usageHint) {
        OneLineErrors handler = new OneLineErrors(env, usageHint);
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setExecutionExceptionHandler(handler);
        return commandLine;
    }

    /** {@code neo-agent order single: Missing required option: '--expiry=DATE' (see: neo-agent order single --help)}. */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        String problem = oneLine(e.getMessage());
        String hint = usageHint.isEmpty() || command.getParent() != null ? "see: " + name + " --help" : usageHint;
        command.getErr().println(name + ": " + problem + " (" + hint + ")");
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A bug or an unexpected failure inside a command: one line, the trace only when debugging. */
    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (debug) {
            e.printStackTrace(err);
        }
        err.println(name + ": unexpected error: " + oneLine(String.valueOf(e))
                + (debug ? "" : " (NEO_LOG_LEVEL=DEBUG prints the stack trace)"));
        err.flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
