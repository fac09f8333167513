package dev.neoagent.app.demo;

/**
 * The demo did not start, for a reason the operator must read: printed as one line, the process exits with
 * {@link #exitCode()} ({@value #REFUSED} when the demo refuses a Redis or a home that is not its own,
 * {@value #FAILED} when it could not reach what it needs). Nothing was written to the Redis in question.
 */
public final class DemoRefused extends RuntimeException {
    public static final int FAILED = 1;
    public static final int REFUSED = 2;

    private final int exitCode;

    DemoRefused(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
