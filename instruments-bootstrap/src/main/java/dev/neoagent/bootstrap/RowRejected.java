package dev.neoagent.bootstrap;

/**
 * A row of interest that cannot be loaded; the message is the reason shown in the load report. Thrown and
 * caught inside the parser only, so it carries no stack trace (rejections are data, not bugs).
 */
final class RowRejected extends Exception {
    RowRejected(String reason) {
        super(reason, null, false, false);
    }
}
