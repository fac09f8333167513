package dev.neoagent.broker.paper;

import dev.neoagent.broker.BrokerFeed;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of a paper broker's feeds (market data, order updates). There is no connection to lose: once started it is
 * connected until closed. What happens is {@link #offer offered} where it happens, usually under a paper lock, and
 * {@link #deliver delivered} once that lock is released: one event at a time, in the order offered, by the thread
 * that offered it, or by the one already delivering (so a listener that places an order hears of it after it
 * returns, and never two calls at once). No paper lock is held while the listener runs.
 *
 * <p>A listener that throws is logged (at WARN the first time, then at DEBUG) and hears the next event as usual:
 * it cannot break the market, the book or another feed.
 *
 * @param <L> the listener
 */
final class PaperFeed<L> implements BrokerFeed {
    private static final Logger log = LoggerFactory.getLogger(PaperFeed.class);

    private final String name;
    private final L listener;
    private final BiConsumer<L, Boolean> onConnection;
    private final Function<PaperFeed<L>, PaperMarket.Subscription> subscribe;
    private final AtomicBoolean warned = new AtomicBoolean();

    /** Guards itself and the fields below. */
    private final Queue<Consumer<L>> events = new ArrayDeque<>();

    private boolean started;
    private boolean closed;
    private boolean delivering;
    private PaperMarket.Subscription subscription;
    private volatile boolean connected;

    /**
     * @param name         for the log, e.g. {@code [u1] paper order feed}
     * @param onConnection how the listener hears that the feed is up or down
     * @param subscribe    starts offering this feed what happens; closing what it returns stops it
     */
    PaperFeed(
            String name,
            L listener,
            BiConsumer<L, Boolean> onConnection,
            Function<PaperFeed<L>, PaperMarket.Subscription> subscribe) {
        this.name = Objects.requireNonNull(name, "name");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.onConnection = Objects.requireNonNull(onConnection, "onConnection");
        this.subscribe = Objects.requireNonNull(subscribe, "subscribe");
    }

    /** Connected at once: the listener hears {@code onConnection(true)} before anything else. */
    @Override
    public void start() {
        synchronized (events) {
            if (started || closed) {
                return;
            }
            started = true;
            connected = true;
            events.add(l -> onConnection.accept(l, true));
            subscription = subscribe.apply(this);
        }
        log.info("{} started", name);
        deliver();
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    /** Unsubscribes and drops what was not delivered yet; a started feed's listener hears {@code false} once. */
    @Override
    public void close() {
        PaperMarket.Subscription toClose;
        synchronized (events) {
            if (closed) {
                return;
            }
            closed = true;
            events.clear();
            if (connected) {
                connected = false;
                events.add(l -> onConnection.accept(l, false));
            }
            toClose = subscription;
        }
        if (toClose != null) {
            toClose.close();
            log.info("{} closed", name);
        }
        deliver();
    }

    /** Queues an event for the listener; ignored before start and after close. Cheap: may be called under locks. */
    void offer(Consumer<L> event) {
        synchronized (events) {
            if (started && !closed) {
                events.add(event);
            }
        }
    }

    /**
     * Hands the listener every queued event, unless another thread is doing so (it will deliver them). Call with
     * no paper lock held.
     */
    void deliver() {
        synchronized (events) {
            if (delivering) {
                return;
            }
            delivering = true;
        }
        for (Consumer<L> event = next(); event != null; event = next()) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                if (warned.compareAndSet(false, true)) {
                    log.warn("{}: the listener failed; it goes on hearing events (further failures at DEBUG)", name, e);
                } else {
                    log.debug("{}: the listener failed again", name, e);
                }
            } catch (Error e) {
                synchronized (events) {
                    delivering = false; // the next deliver() goes on with the rest
                }
                throw e;
            }
        }
    }

    /** The next event, or null (and no longer delivering) when there is none. */
    private Consumer<L> next() {
        synchronized (events) {
            Consumer<L> next = events.poll();
            delivering = next != null;
            return next;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
