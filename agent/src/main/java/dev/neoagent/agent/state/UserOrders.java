package dev.neoagent.agent.state;

import dev.neoagent.agent.metrics.AgentMetrics;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.broker.BrokerFeed;
import dev.neoagent.broker.OrderFeedListener;
import dev.neoagent.contract.OrderStates;
import dev.neoagent.contract.OrderTags;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.OrderUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's live order state (redis-contract.md §2.7): every order of the trading day, ours and external, kept
 * current from the broker's order-update feed, and from the order book while the feed is down (at most once per
 * poll interval, only while orders are open or someone waits on one). The order path waits here for what the broker
 * did with an order ({@link OrderWatch}); every change is written to Redis ({@link OrderStateWriter}).
 *
 * <p>Thread-safe: the feed's thread, this user's polling thread and the worker that waits all meet under one lock;
 * broker calls and Redis writes happen outside it.
 */
public final class UserOrders implements OrderWatch, OrderFeedListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UserOrders.class);
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    /** A waiter the feed has not answered for this long gets an order-book read even with the feed up. */
    private static final Duration FEED_GRACE = Duration.ofSeconds(1);

    private final String uid;
    private final BrokerAdapter broker;
    private final OrderStateWriter writer;
    private final AgentMetrics metrics;
    private final OrderSettings settings;
    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition work = lock.newCondition();
    private final Map<String, OrderStates.Entry> states = new HashMap<>();
    /** Orders whose partial update wants a history read; guarded by {@link #lock}. */
    private final Queue<BrokerOrderId> toComplete = new ArrayDeque<>();
    /** When each waiter started waiting ({@link System#nanoTime()}), by order number; guarded by {@link #lock}. */
    private final Map<String, Long> waiting = new HashMap<>();

    private LocalDate day;
    private boolean catchUp = true;
    /** When the order book was last read ({@link System#nanoTime()}: scheduling, not a timestamp). */
    private long lastPoll = System.nanoTime() - Duration.ofDays(1).toNanos();

    private volatile boolean feedConnected;
    private volatile boolean everConnected;
    private volatile boolean started;
    private volatile boolean closed;
    private Optional<BrokerFeed> feed = Optional.empty();
    /** The order-book fallback's thread; a stopped one sees it is no longer this and ends. */
    private volatile Thread poller;

    public UserOrders(
            String uid,
            BrokerAdapter broker,
            OrderStateWriter writer,
            AgentMetrics metrics,
            OrderSettings settings,
            Clock clock) {
        this.uid = uid;
        this.broker = broker;
        this.writer = writer;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Starts following the user's orders: the feed (when the broker has one and it is not turned off) and the
     * order-book fallback. Called once the user has a session; calling it again does nothing.
     */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        if (settings.orderFeed()) {
            feed = broker.orderFeed(this);
            feed.ifPresent(BrokerFeed::start);
        }
        poller = Thread.ofVirtual().name("orders-" + uid).unstarted(this::pollLoop);
        poller.start();
        log.info(
                "[{}] following orders ({})",
                uid,
                feed.isPresent() ? "order feed, order book while it is down" : "order book");
    }

    public boolean isStarted() {
        return started;
    }

    /**
     * Stops following the user's orders (the feed and the order-book fallback) until {@link #start()} again: another
     * agent owns the user now.
     */
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        feed.ifPresent(BrokerFeed::close);
        feed = Optional.empty();
        Thread stopped = poller;
        poller = null;
        if (stopped != null) {
            stopped.interrupt();
        }
    }

    // ---- what the order path asks ----

    @Override
    public Optional<OrderStates.Entry> awaitSettled(String orderNo, Duration within) throws InterruptedException {
        return await(orderNo, within, entry -> !entry.status().equals(OrderStates.PENDING));
    }

    @Override
    public Optional<OrderStates.Entry> awaitFinished(String orderNo, Duration within) throws InterruptedException {
        return await(orderNo, within, entry -> !entry.isOpen());
    }

    @Override
    public Optional<OrderStates.Entry> awaitState(String orderNo, Duration within, Predicate<OrderStates.Entry> done)
            throws InterruptedException {
        return await(orderNo, within, done);
    }

    @Override
    public List<OrderStates.Entry> ofRequest(String commandId) {
        lock.lock();
        try {
            return states.values().stream()
                    .filter(entry -> entry.request().filter(commandId::equals).isPresent())
                    .sorted(java.util.Comparator.comparing(OrderStates.Entry::orderNo))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    private Optional<OrderStates.Entry> await(String orderNo, Duration within, Predicate<OrderStates.Entry> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        start(); // an order was placed, so there is a session: follow the orders now if not yet
        lock.lock();
        try {
            waiting.put(orderNo, System.nanoTime());
            work.signalAll(); // the order book may have to be read now
            while (true) {
                OrderStates.Entry entry = states.get(orderNo);
                if (entry != null && done.test(entry)) {
                    return Optional.of(entry);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return Optional.ofNullable(entry);
                }
                changed.awaitNanos(left);
            }
        } finally {
            waiting.remove(orderNo);
            lock.unlock();
        }
    }

    @Override
    public Optional<OrderStates.Entry> known(String orderNo) {
        lock.lock();
        try {
            return Optional.ofNullable(states.get(orderNo));
        } finally {
            lock.unlock();
        }
    }

    // ---- what the feed says ----

    @Override
    public void onOrder(OrderUpdate update) {
        switch (update) {
            case OrderUpdate.Full full -> apply(full.order());
            case OrderUpdate.Partial partial -> {
                lock.lock();
                try {
                    toComplete.add(partial.orderId()); // a history read, on the polling thread
                    work.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    @Override
    public void onConnection(boolean connected) {
        boolean was = feedConnected;
        feedConnected = connected;
        if (was != connected) {
            metrics.feedConnection("order", connected);
        }
        if (connected && everConnected) {
            metrics.feedReconnect("order");
        }
        everConnected |= connected;
        if (connected) {
            lock.lock();
            try {
                catchUp = true; // what happened while it was down: one order-book read
                work.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void onMalformed(String kind) {
        metrics.feedMalformed("order", kind);
    }

    // ---- the order-book fallback ----

    private void pollLoop() {
        while (!closed && poller == Thread.currentThread()) {
            try {
                Work next = nextWork();
                switch (next) {
                    case Work.Book book -> readBook();
                    case Work.History history -> readHistory(history.orderId());
                    case Work.None none -> {}
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("[{}] order state not refreshed: {}", uid, e.toString());
            }
        }
    }

    private sealed interface Work {
        record Book() implements Work {}

        record History(BrokerOrderId orderId) implements Work {}

        record None() implements Work {}
    }

    /** Waits for something to do: a history read, a catch-up, or a poll that is due. */
    private Work nextWork() throws InterruptedException {
        lock.lock();
        try {
            if (!toComplete.isEmpty()) {
                return new Work.History(toComplete.remove());
            }
            long now = System.nanoTime();
            if (catchUp || pollDue(now)) {
                catchUp = false;
                lastPoll = now;
                return new Work.Book();
            }
            work.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            return new Work.None();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The order book is read when the feed cannot be trusted with what is wanted: it is down and orders are open or
     * awaited, or a waiter has heard nothing from it for a second. At most once per poll interval, except the first
     * read for a new waiter, which is the one an order's answer waits for.
     */
    private boolean pollDue(long now) {
        boolean intervalPassed = now - lastPoll >= settings.pollInterval().toNanos();
        boolean awaited = !waiting.isEmpty();
        if (!feedConnected) {
            boolean freshWaiter = waiting.values().stream().anyMatch(since -> since - lastPoll > 0);
            return (awaited && (intervalPassed || freshWaiter)) || (intervalPassed && anyOpen());
        }
        return awaited
                && intervalPassed
                && waiting.values().stream().anyMatch(since -> now - since >= FEED_GRACE.toNanos());
    }

    private boolean anyOpen() {
        return states.values().stream().anyMatch(OrderStates.Entry::isOpen);
    }

    private void readBook() {
        List<Order> book;
        try {
            book = broker.orderBook();
        } catch (BrokerException e) {
            log.debug("[{}] order book not read: {}", uid, e.getMessage());
            return;
        }
        book.forEach(this::apply);
    }

    private void readHistory(BrokerOrderId orderId) {
        try {
            // the newest state comes first
            broker.orderHistory(orderId).stream().findFirst().ifPresent(this::apply);
        } catch (BrokerException e) {
            log.debug("[{}] history of {} not read: {}", uid, orderId, e.getMessage());
            lock.lock();
            try {
                catchUp = true; // the order book will say it
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- applying a state ----

    /** Takes an order as the broker shows it; a change is written to Redis and wakes whoever waits on it. */
    void apply(Order order) {
        Instant now = clock.instant();
        OrderStates.Entry entry = entry(order, now);
        OrderStates.Entry written;
        boolean newDay;
        lock.lock();
        try {
            LocalDate today = LocalDate.ofInstant(now, IST);
            newDay = day != null && !day.equals(today);
            if (newDay) {
                states.clear();
            }
            day = today;
            OrderStates.Entry previous = states.get(entry.orderNo());
            if (previous != null
                    && previous.request().isPresent()
                    && entry.request().isEmpty()) {
                // Kotak rewrites the tag after a modify or cancel: the order stays the request's it was
                entry = entry.ofRequest(previous.tag(), previous.request());
            }
            if (previous != null && sameState(previous, entry)) {
                return;
            }
            states.put(entry.orderNo(), entry);
            written = entry;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (newDay) {
            writer.newDay(uid);
        }
        writer.write(uid, written);
        metrics.orderEvent(written.status());
    }

    private static boolean sameState(OrderStates.Entry a, OrderStates.Entry b) {
        return a.status().equals(b.status())
                && a.brokerStatus().equals(b.brokerStatus())
                && a.filled() == b.filled()
                && a.qty() == b.qty()
                && a.avgPrice().compareTo(b.avgPrice()) == 0
                && a.price().compareTo(b.price()) == 0
                && a.triggerPrice().compareTo(b.triggerPrice()) == 0
                && a.reason().equals(b.reason());
    }

    static OrderStates.Entry entry(Order order, Instant now) {
        Optional<String> sentTag = order.tag().map(OrderTag::value);
        Optional<String> request = sentTag.flatMap(OrderTags::commandIdOf);
        return new OrderStates.Entry(
                order.orderId().value(),
                request.isPresent() ? sentTag : Optional.empty(), // the contract shows only a tag an agent sent
                request,
                order.symbol().value(),
                order.side().name(),
                order.quantity(),
                order.filledQuantity(),
                order.averagePrice(),
                order.price(),
                order.triggerPrice(),
                status(order),
                order.statusText(),
                order.rejectReason(),
                request.isEmpty(),
                now);
    }

    private static String status(Order order) {
        return switch (order.status()) {
            case OPEN -> OrderStates.OPEN;
            case TRIGGER_PENDING -> OrderStates.TRIGGER_PENDING;
            case COMPLETE -> OrderStates.COMPLETE;
            case REJECTED -> OrderStates.REJECTED;
            case CANCELLED -> OrderStates.CANCELLED;
            case PENDING, OTHER -> OrderStates.PENDING;
        };
    }

    @Override
    public void close() {
        closed = true;
        feed.ifPresent(BrokerFeed::close);
        lock.lock();
        try {
            changed.signalAll();
            work.signalAll();
        } finally {
            lock.unlock();
        }
        if (poller != null) {
            poller.interrupt();
        }
    }
}
