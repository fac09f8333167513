package dev.neoagent.app.cli;

/**
 * Exit codes of the operator commands ({@code order}, {@code modify}, {@code cancel}, {@code exit-all},
 * {@code orders}, {@code status}, {@code halt}, {@code resume}, {@code tail}). Scripts branch on them, so a usage
 * error is 1 like any other failure: 2 is kept for "the outcome is not known", the one case where a script must not
 * simply retry.
 */
final class ExitCodes {
    /** The request succeeded (SUCCESS / DONE), or the command did what it says. */
    static final int OK = 0;
    /** Failed, denied or refused (nothing more will happen), or a usage, configuration or Redis error. */
    static final int FAILED = 1;
    /** UNKNOWN (an order may have reached the broker), or no answer within the timeout. */
    static final int UNKNOWN = 2;

    private ExitCodes() {}
}
