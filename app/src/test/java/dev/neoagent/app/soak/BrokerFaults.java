package dev.neoagent.app.soak;

import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.FakeKotakServer.SessionExpiry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The broker's faults, one every so often (exponentially distributed gaps around the configured mean), each aimed at
 * the next call to one endpoint by anyone: HTTP 500 (not executed), a dropped reply (executed, then the connection
 * closes unanswered), a delay (executed, answered late: within the agent's read timeout, or beyond it), an RMS
 * rejection after the acknowledgement, and the expiry of every trade session. A fault is queued for an endpoint only
 * when the last one queued there has met its call, so faults never pile up behind a rarely used endpoint; the count
 * of faults that really happened is taken at the end.
 */
final class BrokerFaults implements Runnable {
    static final String PLACE = "/quick/order/rule/ms/place";
    static final String MODIFY = "/quick/order/vr/modify";
    static final String CANCEL = "/quick/order/cancel";
    static final String ORDER_BOOK = "/quick/user/orders";
    static final String POSITIONS = "/quick/user/positions";
    static final String LIMITS = "/quick/user/limits";

    enum Kind {
        SESSION_EXPIRY,
        HTTP_500,
        DROPPED_REPLY,
        DELAY_WITHIN_TIMEOUT,
        DELAY_BEYOND_TIMEOUT,
        RMS_REJECTION
    }

    private static final String[] RMS_REASONS = {
        "RMS:Margin Exceeds",
        "RMS:Rule: Check circuit limit including square off order exceeds",
        "RMS:Blocked for trading by RMS"
    };

    private final FakeKotakServer kotak;
    private final Random random;
    private final Duration mean;
    private final Duration readTimeout;
    private volatile boolean stopping;
    private final Map<Kind, Integer> queued = new TreeMap<>();
    /** The kind of the last fault queued per endpoint: the one still pending there at the end, if any. */
    private final Map<String, Kind> lastQueued = new HashMap<>();

    int sessionExpiries;
    int skipped;

    BrokerFaults(FakeKotakServer kotak, Random random, Duration mean, Duration readTimeout) {
        this.kotak = kotak;
        this.random = random;
        this.mean = mean;
        this.readTimeout = readTimeout;
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                Thread.sleep((long) (-Math.log(1 - random.nextDouble()) * mean.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
            if (!stopping) {
                inject();
            }
        }
    }

    private void inject() {
        int roll = random.nextInt(100);
        if (roll < 6) {
            SessionExpiry style = SessionExpiry.values()[random.nextInt(SessionExpiry.values().length)];
            kotak.expireSessions(style);
            count(Kind.SESSION_EXPIRY);
        } else if (roll < 28) {
            queue(
                    Kind.HTTP_500,
                    pick(PLACE, 40, MODIFY, 10, CANCEL, 10, ORDER_BOOK, 20, POSITIONS, 10, LIMITS, 10),
                    random.nextBoolean() ? Fault.http500Kotak() : Fault.http500Bare());
        } else if (roll < 50) {
            queue(Kind.DROPPED_REPLY, pick(PLACE, 70, MODIFY, 15, CANCEL, 15), Fault.disconnectAfterAccept());
        } else if (roll < 65) {
            queue(
                    Kind.DELAY_WITHIN_TIMEOUT,
                    pick(PLACE, 40, ORDER_BOOK, 20, POSITIONS, 10, LIMITS, 10, MODIFY, 10, CANCEL, 10),
                    Fault.delay(Duration.ofMillis(200 + random.nextInt(1300))));
        } else if (roll < 75) {
            queue(
                    Kind.DELAY_BEYOND_TIMEOUT,
                    pick(PLACE, 70, MODIFY, 15, CANCEL, 15),
                    Fault.delay(readTimeout.plusMillis(500 + random.nextInt(1500))));
        } else {
            String reason = RMS_REASONS[random.nextInt(RMS_REASONS.length)];
            Duration after = random.nextInt(10) < 6 ? Duration.ZERO : Duration.ofMillis(100 + random.nextInt(1400));
            queue(Kind.RMS_REJECTION, PLACE, new Fault.RmsReject(reason, after));
        }
    }

    private void queue(Kind kind, String path, Fault fault) {
        synchronized (this) {
            if (kotak.pendingFaults(path) > 0) {
                skipped++;
                return;
            }
            kotak.failNext(path, fault);
            lastQueued.put(path, kind);
            count(kind);
        }
    }

    private synchronized void count(Kind kind) {
        queued.merge(kind, 1, Integer::sum);
    }

    /** {@code path1, weight1, path2, weight2, ...} */
    private String pick(Object... pathsAndWeights) {
        int total = 0;
        for (int i = 1; i < pathsAndWeights.length; i += 2) {
            total += (Integer) pathsAndWeights[i];
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < pathsAndWeights.length; i += 2) {
            roll -= (Integer) pathsAndWeights[i + 1];
            if (roll < 0) {
                return (String) pathsAndWeights[i];
            }
        }
        throw new IllegalStateException();
    }

    /** Faults that met their call, by kind: queued minus the one still waiting at each endpoint. */
    synchronized Map<Kind, Integer> applied() {
        Map<Kind, Integer> applied = new TreeMap<>(queued);
        for (String path : List.of(PLACE, MODIFY, CANCEL, ORDER_BOOK, POSITIONS, LIMITS)) {
            if (kotak.pendingFaults(path) > 0) {
                applied.merge(lastQueued.get(path), -1, Integer::sum);
            }
        }
        return applied;
    }
}
