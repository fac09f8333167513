package dev.neoagent.broker.kotak;

import dev.neoagent.broker.MarketFeedListener;
import dev.neoagent.domain.MarketIndex;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a market feed tells its listener, for tests on other threads. */
class RecordingFeedListener implements MarketFeedListener {
    record Tick(MarketIndex index, BigDecimal value, Instant time, String thread) {}

    final List<Tick> ticks = new CopyOnWriteArrayList<>();
    final List<Boolean> connections = new CopyOnWriteArrayList<>();
    final List<String> malformed = new CopyOnWriteArrayList<>();
    final AtomicInteger reconnects = new AtomicInteger();

    @Override
    public void onIndex(MarketIndex index, BigDecimal value, Instant time) {
        ticks.add(new Tick(index, value, time, Thread.currentThread().getName()));
    }

    @Override
    public void onConnection(boolean connected) {
        connections.add(connected);
    }

    @Override
    public void onReconnect() {
        reconnects.incrementAndGet();
    }

    @Override
    public void onMalformed(String kind) {
        malformed.add(kind);
    }

    /** The last tick of {@code index} whose value equals {@code value}, if one came. */
    Optional<Tick> tick(MarketIndex index, String value) {
        BigDecimal wanted = new BigDecimal(value);
        return ticks.stream()
                .filter(t -> t.index() == index && t.value().compareTo(wanted) == 0)
                .reduce((first, second) -> second);
    }

    /** Whether the last connection event says the feed is up. */
    boolean up() {
        return !connections.isEmpty() && connections.get(connections.size() - 1);
    }
}
