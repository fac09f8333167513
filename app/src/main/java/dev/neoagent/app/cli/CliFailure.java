package dev.neoagent.app.cli;

/**
 * A failure the operator must read: its message is printed as one line on stderr and the command
 * exits with {@link #exitCode()}. Messages never hold a secret (URLs are redacted before use).
 */
public final class CliFailure extends RuntimeException {
    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    static CliFailure failed(String message) {
        return new CliFailure(ExitCodes.FAILED, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
