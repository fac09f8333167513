package dev.neoagent.broker.kotak;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * How a Kotak feed calls its listener: from the feed's thread, holding no lock, never once the feed is closed; a
 * listener that throws is logged with its stack trace and the feed goes on (the listener is someone else's code).
 */
final class ListenerCalls {
    private final Logger log;
    private final String account;
    private final String feed;
    private final BooleanSupplier closed;

    /** @param feed the feed as the log names it ("order feed") */
    ListenerCalls(Logger log, String account, String feed, BooleanSupplier closed) {
        this.log = log;
        this.account = account;
        this.feed = feed;
        this.closed = closed;
    }

    /** Runs {@code call} (one call of the listener) unless the feed is closed. */
    void tell(Runnable call) {
        if (closed.getAsBoolean()) {
            return;
        }
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("[{}] {} listener failed: {}", account, feed, e.toString(), e);
        }
    }
}
