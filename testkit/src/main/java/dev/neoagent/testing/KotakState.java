package dev.neoagent.testing;

import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Everything the fake remembers. MockWebServer serves each connection on its own thread, so
 * every read and write happens while holding {@link #lock} — one coarse lock keeps the order
 * engine, sessions and the request log mutually consistent, and the fake is never the
 * bottleneck of a test.
 */
final class KotakState {
    /** A queued fault and the path suffix it waits for. */
    private record PendingFault(String pathSuffix, Fault fault) {}

    final Object lock = new Object();
    final Accounts accounts = new Accounts();
    final MarketData market = new MarketData();
    final OrderEngine engine = new OrderEngine();
    final List<RecordedCall> log = new ArrayList<>();
    private final List<PendingFault> faults = new ArrayList<>();
    /** Set once the server is bound; needed for the absolute URLs in responses. */
    String loginUrl;

    String baseUrl() {
        return loginUrl + KotakDispatcher.PREFIX;
    }

    void addFault(String pathSuffix, Fault fault) {
        faults.add(new PendingFault(pathSuffix, fault));
    }

    /** Removes and returns the oldest fault whose suffix matches {@code path}, or null. */
    Fault takeFault(String path) {
        for (Iterator<PendingFault> it = faults.iterator(); it.hasNext(); ) {
            PendingFault pending = it.next();
            if (path.endsWith(pending.pathSuffix())) {
                it.remove();
                return pending.fault();
            }
        }
        return null;
    }
}
