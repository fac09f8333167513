package dev.neoagent.testing;

import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
    /** The fake's server sockets; they know which connection a request came on. */
    final NoDelayServerSocketFactory sockets = new NoDelayServerSocketFactory();

    final Accounts accounts = new Accounts();
    final MarketData market = new MarketData();
    final OrderFeeds feeds = new OrderFeeds(lock, accounts, sockets);
    final OrderEngine engine = new OrderEngine(feeds::publish);
    final List<RecordedCall> log = new ArrayList<>();
    private final List<PendingFault> faults = new ArrayList<>();
    /** Set once the server is bound; needed for the absolute URLs in responses. */
    String loginUrl;
    /** Runs delayed events (an RMS rejection some time after the acknowledgement); created when first needed. */
    private ScheduledExecutorService timer;

    /** What validate returns as {@code data.feedUrl}; null leaves the key out. */
    String advertisedFeedUrl;

    String baseUrl() {
        return loginUrl + KotakDispatcher.PREFIX;
    }

    void addFault(String pathSuffix, Fault fault) {
        faults.add(new PendingFault(pathSuffix, fault));
    }

    /** Faults queued for exactly this path suffix and not applied yet. */
    int pendingFaults(String pathSuffix) {
        return (int) faults.stream()
                .filter(pending -> pending.pathSuffix().equals(pathSuffix))
                .count();
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

    /** Runs {@code event} under the lock after {@code delayMillis}, unless the fake has been closed by then. */
    void later(long delayMillis, Runnable event) {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "fake-kotak-timer");
                thread.setDaemon(true);
                return thread;
            });
        }
        timer.schedule(
                () -> {
                    synchronized (lock) {
                        event.run();
                    }
                },
                delayMillis,
                TimeUnit.MILLISECONDS);
    }

    void close() {
        synchronized (lock) {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }
}
