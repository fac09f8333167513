package dev.neoagent.broker.paper;

import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.broker.BrokerFeed;
import dev.neoagent.broker.MarketFeedListener;
import dev.neoagent.broker.MarketFeedOptions;
import dev.neoagent.broker.OrderFeedListener;
import dev.neoagent.broker.kotak.KotakCodes;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.Holding;
import dev.neoagent.domain.Limits;
import dev.neoagent.domain.MarketIndex;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderAck;
import dev.neoagent.domain.OrderModification;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.OrderUpdate;
import dev.neoagent.domain.Position;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Quote;
import dev.neoagent.domain.QuoteKey;
import dev.neoagent.domain.ScripMasterFiles;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Trade;
import dev.neoagent.domain.Validity;
import dev.neoagent.instruments.InstrumentLookup;
import dev.neoagent.instruments.InstrumentMeta;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BrokerAdapter} that trades against the shared {@link PaperMarket} instead of Kotak: one
 * per paper user, its book kept by a {@link PaperStore}.
 *
 * <ul>
 *   <li><b>Session</b>: there is none to hold. {@link #login()} always succeeds and
 *       {@link #hasSession()} is true from construction until {@link #close()}, because every call
 *       works without a login (as the Kotak adapter logs in on demand).</li>
 *   <li><b>Checks at the API</b>, answered like Kotak's (nothing is recorded): unknown trading
 *       symbol 1007; segment not the contract's 1006; CO/BO, or CNC/MTF on a derivative 1002; quantity
 *       not a lot multiple or above the freeze quantity 1009; price off the tick grid 1002; not enough
 *       funds 1004 "Insufficient balance.". Kotak accepts an order and lets RMS reject it in the
 *       book; refusing at the API is simpler and gives the agent the same final answer.</li>
 *   <li><b>Fills</b> are whole, never partial. A market order fills at once at the last price. A limit
 *       order marketable on arrival (BUY limit ≥ last, SELL limit ≤ last) fills at the last price, as
 *       a taker would; otherwise it rests, and is checked after every market move, filling at its
 *       own limit price once the market reaches it, as a resting order does at an exchange. Stop
 *       orders (SL and SL-M) wait in "trigger pending" until the last price reaches the trigger (BUY:
 *       last ≥ trigger, SELL: last ≤ trigger), then behave as market or limit orders arriving. An IOC order
 *       that cannot fill at once is cancelled. The after-market flag is ignored: the paper market is always
 *       open.</li>
 *   <li><b>Modify and cancel</b> work on open and trigger-pending orders, as at Kotak. A modify re-runs the
 *       fill rule on the new terms, as an order arriving: a stop not triggered yet waits for its new trigger, an
 *       order made a stop starts waiting, a stop already triggered keeps working. Refusals are Kotak's, worded
 *       as the Kotak adapter words them: a complete order 1021 "order is completed (Kotak 1021)"; a cancelled
 *       or rejected one 1006 (modify: "Order cannot be modified as it is already executed.", cancel: "Order
 *       already cancelled or not found."); an unknown one 1006 "Order already cancelled or not found.".</li>
 *   <li><b>Margin</b> follows {@code PaperMargins}. A fill that would raise the margin in use beyond
 *       the funds (possible when the market moved since the order was placed) is rejected in the
 *       book with Kotak's "RMS:Margin Exceeds".</li>
 *   <li><b>Books</b>: the order book lists orders in the order they were placed, with the tag
 *       echoed; order numbers look like Kotak's ({@code yyMMdd} + 9 digits). Positions are net per
 *       contract and product, closed ones included. Holdings are always empty: no settlement cycle is
 *       simulated, so CNC buys stay in the positions, where square-off finds them.</li>
 *   <li><b>Scrip master</b>: a paper broker has none; instruments come from the bootstrap.</li>
 *   <li><b>Feeds</b>, as the agent uses Kotak's: the {@link #marketFeed market feed} tells NIFTY 50 and NIFTY
 *       BANK after every market move; the {@link #orderFeed order feed} tells each order as the order book
 *       shows it after every change: placed (already filled, for a market order), modified, cancelled, and
 *       filled or rejected by a market move; also the changes another process made to the account, once this
 *       broker sees them (at its next market move or call). Refusals at the API change nothing, so they are
 *       not told. Both are always connected, until closed; closing the broker closes them.</li>
 * </ul>
 *
 * <p>Thread-safe: one lock guards the book; the market calls in from its ticking thread. The lock
 * order is always broker, then the account's ({@code PaperStore.locked}), then market. Feed listeners are
 * called with none of them held, in the order things happened (see {@code PaperFeed}).
 *
 * <p><b>Two processes on one account</b> (a demo and a run on the same NEO_HOME, two demos) each
 * have a paper broker with its own book in memory over the same file. So every change (place,
 * modify, cancel, and the fills and rejections a market move brings) runs inside the account's
 * lock, on the book as saved: re-read first if another writer saved since this broker last read or
 * wrote it. Otherwise both would hand out the same next order number and each would overwrite the
 * other's orders. Reads serve the book in memory after the same check, a stat when nothing changed.
 */
public final class PaperBroker implements BrokerAdapter {
    private static final Logger log = LoggerFactory.getLogger(PaperBroker.class);

    static final String NO_SCRIP_MASTER = "paper broker has no scrip master; run neo-bootstrap --paper";
    static final String MARGIN_EXCEEDED = "RMS:Margin Exceeds";
    /** Kotak's 1006 texts: a cancel (or modify) of an order not found, a modify of a cancelled or rejected one. */
    private static final String NOT_FOUND = "Order already cancelled or not found.";

    private static final String NOT_MODIFIABLE = "Order cannot be modified as it is already executed.";
    private static final String COMPLETED = "order is completed";
    private static final BigDecimal NO_PRICE = new BigDecimal("0.00");
    private static final DateTimeFormatter ORDER_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    private final String account;
    private final PaperMarket market;
    private final InstrumentLookup instruments;
    private final PaperStore store;
    private final PaperMargins margins;
    private final Clock clock;
    private final Object lock = new Object();
    private final PaperMarket.Subscription subscription;
    private final List<PaperFeed<OrderFeedListener>> orderFeeds = new CopyOnWriteArrayList<>();
    /** Started and not closed yet: closing the broker closes them. */
    private final List<PaperFeed<?>> openFeeds = new CopyOnWriteArrayList<>();

    private PaperBook book;
    private volatile boolean closed;

    /**
     * Opens the account saved in {@code store}, or a new one with {@code settings.capital()}. An
     * existing account keeps the capital it was created with.
     *
     * @throws IllegalStateException when the saved account cannot be read
     */
    public PaperBroker(
            String account,
            PaperMarket market,
            InstrumentLookup instruments,
            PaperStore store,
            PaperSettings settings,
            Clock clock) {
        this.account = Objects.requireNonNull(account, "account");
        this.market = Objects.requireNonNull(market, "market");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.margins = new PaperMargins(market);
        Optional<PaperBook> saved = store.load();
        this.book = saved.orElseGet(() -> PaperBook.empty(settings.capital()));
        if (saved.isPresent() && saved.get().capital().compareTo(settings.capital()) != 0) {
            log.info(
                    "[{}] paper account keeps its capital {}; {} only applies to new accounts",
                    account,
                    saved.get().capital().toPlainString(),
                    PaperSettings.CAPITAL.envVar());
        }
        log.info(
                "[{}] paper account {}: {} orders, {} fills, capital {}",
                account,
                saved.isPresent() ? "loaded from " + store.file() : "created",
                book.orders().size(),
                book.fills().size(),
                book.capital().toPlainString());
        this.subscription = market.onMove(this::onMarketMove);
    }

    // ---- session ----

    @Override
    public void login() {
        ensureOpen();
        log.debug("[{}] paper login: nothing to do", account);
    }

    @Override
    public boolean hasSession() {
        return !closed;
    }

    // ---- orders ----

    @Override
    public OrderAck placeOrder(OrderRequest request) {
        ensureOpen();
        // Outside the lock: the agent's lookup may read Redis.
        InstrumentMeta contract = lookUp(() -> instruments.byTradingSymbol(request.symbol()))
                .orElseThrow(() -> rejected(1007, "Invalid symbol"));
        return underLock(() -> change(() -> place(request, contract)));
    }

    /** Inside {@link #change}. */
    private OrderAck place(OrderRequest request, InstrumentMeta contract) {
        checkTerms(
                contract,
                request.segment(),
                request.product(),
                request.quantity(),
                request.price(),
                request.triggerPrice());
        BigDecimal last = market.lastPrice(contract);
        int opening =
                openingQuantity(contract, request.product(), request.side(), request.quantity(), Optional.empty());
        BigDecimal block = margins.forOpening(
                contract,
                request.side(),
                opening,
                marginPrice(request.type(), request.price(), request.triggerPrice(), last));
        requireFunds(block, margins.funds(book).available(), request.symbol().value());

        LocalDateTime now = now();
        BrokerOrderId id = orderNumber(book.lastOrderSequence() + 1, now);
        PaperOrder received = new PaperOrder(
                id,
                request.tag(),
                contract,
                request.side(),
                request.product(),
                request.type(),
                request.validity(),
                request.quantity(),
                request.price().orElse(NO_PRICE),
                request.triggerPrice().orElse(NO_PRICE),
                0,
                NO_PRICE,
                block,
                OrderStatus.PENDING,
                PaperOrder.RECEIVED,
                Optional.empty(),
                now);
        PaperOrder working =
                received.withState(request.type().needsTrigger() ? PaperOrder.TRIGGER_PENDING : PaperOrder.OPEN, now);
        PaperBook next = book.withNewOrder(received).withState(working);
        next = match(next, working, last, true);
        commit(next);
        log.info(
                "[{}] paper order {} {} {} {} {} tag {}: {}",
                account,
                id,
                request.side(),
                request.quantity(),
                contract.tradingSymbol(),
                request.type(),
                request.tag(),
                next.current(id).orElseThrow().statusText());
        return new OrderAck(id);
    }

    @Override
    public OrderAck modifyOrder(OrderModification modification) {
        ensureOpen();
        return underLock(() -> change(() -> modify(modification)));
    }

    /** Inside {@link #change}. */
    private OrderAck modify(OrderModification modification) {
        PaperOrder current = working(modification.orderId(), NOT_MODIFIABLE);
        InstrumentMeta contract = current.contract();
        checkTerms(
                contract,
                contract.segment(),
                current.product(),
                modification.quantity(),
                modification.price(),
                modification.triggerPrice());
        BigDecimal last = market.lastPrice(contract);
        int opening = openingQuantity(
                contract, current.product(), current.side(), modification.quantity(), Optional.of(current.id()));
        BigDecimal block = margins.forOpening(
                contract,
                current.side(),
                opening,
                marginPrice(modification.type(), modification.price(), modification.triggerPrice(), last));
        // The order's own block is released by the modification, so it counts as available.
        requireFunds(
                block,
                margins.funds(book).available().add(current.blockedMargin()),
                contract.tradingSymbol().value());

        LocalDateTime now = now();
        PaperOrder modified = current.modified(
                modification.type(),
                modification.validity(),
                modification.quantity(),
                modification.price().orElse(NO_PRICE),
                modification.triggerPrice().orElse(NO_PRICE),
                block,
                now);
        PaperBook next = book.withState(modified);
        if (waitsForTrigger(current, modification.type())) {
            modified = modified.withState(PaperOrder.TRIGGER_PENDING, now);
            next = next.withState(modified);
        }
        next = match(next, modified, last, true);
        commit(next);
        log.info(
                "[{}] paper order {} modified: {} {} at {}: {}",
                account,
                current.id(),
                modification.type(),
                modification.quantity(),
                modification.price().map(BigDecimal::toPlainString).orElse("market"),
                next.current(current.id()).orElseThrow().statusText());
        return new OrderAck(current.id());
    }

    @Override
    public OrderAck cancelOrder(BrokerOrderId orderId) {
        ensureOpen();
        return underLock(() -> change(() -> {
            PaperOrder current = working(orderId, NOT_FOUND);
            commit(book.withState(current.cancelled(now())));
            log.info("[{}] paper order {} cancelled", account, orderId);
            return new OrderAck(orderId);
        }));
    }

    // ---- reads ----

    @Override
    public List<Order> orderBook() {
        ensureOpen();
        return current().currentOrders().stream().map(PaperOrder::toOrder).toList();
    }

    /** Every state, newest first; empty for an order this account does not have. */
    @Override
    public List<Order> orderHistory(BrokerOrderId orderId) {
        ensureOpen();
        return current().history(orderId).reversed().stream()
                .map(PaperOrder::toOrder)
                .toList();
    }

    @Override
    public List<Trade> tradeBook() {
        ensureOpen();
        return current().fills().stream().map(PaperFill::toTrade).toList();
    }

    @Override
    public List<Position> positions() {
        ensureOpen();
        return PaperPosition.of(current().fills()).stream()
                .map(PaperPosition::toPosition)
                .toList();
    }

    /** Always empty: see the class comment. */
    @Override
    public List<Holding> holdings() {
        ensureOpen();
        return List.of();
    }

    @Override
    public Limits limits() {
        ensureOpen();
        return margins.funds(current()).toLimits();
    }

    /** NIFTY 50 and NIFTY BANK by name, contracts by token through the instrument lookup. */
    @Override
    public List<Quote> quotes(List<QuoteKey> keys) {
        ensureOpen();
        List<Quote> quotes = new ArrayList<>(keys.size());
        for (QuoteKey key : keys) {
            Optional<Quote> index = market.indexQuote(key);
            quotes.add(index.isPresent() ? index.get() : market.quote(key, contractOf(key)));
        }
        return quotes;
    }

    // ---- feeds ----

    /**
     * NIFTY 50 and NIFTY BANK after every move of the market (a tick or {@link PaperMarket#setSpot}), at the time
     * of the move. The paper market never stalls, so {@code options} change nothing.
     */
    @Override
    public Optional<BrokerFeed> marketFeed(MarketFeedListener listener, MarketFeedOptions options) {
        ensureOpen();
        Objects.requireNonNull(options, "options");
        return Optional.of(new PaperFeed<>(
                "[" + account + "] paper market feed",
                listener,
                MarketFeedListener::onConnection,
                feed -> opened(feed, market.onMove(() -> tellIndices(feed)))));
    }

    /** Every change of this account's orders, each order as {@link #orderBook()} shows it after the change. */
    @Override
    public Optional<BrokerFeed> orderFeed(OrderFeedListener listener) {
        ensureOpen();
        return Optional.of(new PaperFeed<>(
                "[" + account + "] paper order feed", listener, OrderFeedListener::onConnection, feed -> {
                    orderFeeds.add(feed);
                    return opened(feed, () -> orderFeeds.remove(feed));
                }));
    }

    /**
     * On the market's thread, after a move. Each index is read as the listener is told it, so a listener that
     * falls behind two racing moves hears the newest value last, never an older one.
     */
    private void tellIndices(PaperFeed<MarketFeedListener> feed) {
        for (MarketIndex index : MarketIndex.values()) {
            feed.offer(listener -> {
                Quote quote = market.indexQuote(new QuoteKey.Index(index)).orElseThrow();
                listener.onIndex(index, quote.lastPrice(), quote.updatedAt().orElseThrow());
            });
        }
        feed.deliver();
    }

    /** A started feed's subscription, which also forgets the feed when it closes. */
    private PaperMarket.Subscription opened(PaperFeed<?> feed, PaperMarket.Subscription subscription) {
        openFeeds.add(feed);
        return () -> {
            subscription.close();
            openFeeds.remove(feed);
        };
    }

    @Override
    public ScripMasterFiles scripMasterFiles() {
        throw new BrokerException.Rejected(null, NO_SCRIP_MASTER);
    }

    @Override
    public InputStream openScripMaster(URI file) {
        throw new BrokerException.Rejected(null, NO_SCRIP_MASTER);
    }

    /** Stops following the market and closes the feeds; resting orders stay in the saved book for the next start. */
    @Override
    public void close() {
        closed = true;
        subscription.close();
        openFeeds.forEach(PaperFeed::close);
    }

    @Override
    public String toString() {
        return "PaperBroker[" + account + "]";
    }

    // ---- matching ----

    /** Re-checks every working order after the market moved. Runs on the market's thread. */
    private void onMarketMove() {
        underLock(() -> {
            if (closed) {
                return null;
            }
            try {
                refresh();
                if (book.workingOrders().isEmpty()) {
                    return null; // nothing can fill: no account lock taken on every tick
                }
                change(() -> {
                    matchWorkingOrders();
                    return null;
                });
            } catch (BrokerException.Transient e) {
                // Nothing was committed; the same orders are tried again on the next move.
                log.warn("[{}] {}", account, e.getMessage());
            }
            return null;
        });
    }

    /** Inside {@link #change}. */
    private void matchWorkingOrders() {
        PaperBook next = book;
        for (PaperOrder order : book.workingOrders()) {
            next = match(next, order, market.lastPrice(order.contract()), false);
        }
        if (next != book) {
            commit(next);
        }
    }

    /**
     * Triggers, fills or (IOC) cancels a working order at the last price. {@code arriving}: the order
     * was just placed or modified, so it trades as a taker at the last price; a resting order that
     * the market reached trades at its own limit price.
     */
    private PaperBook match(PaperBook current, PaperOrder order, BigDecimal last, boolean arriving) {
        LocalDateTime now = now();
        PaperOrder working = order;
        PaperBook next = current;
        boolean taker = arriving;
        if (working.status() == OrderStatus.TRIGGER_PENDING) {
            if (!triggered(working, last)) {
                return next;
            }
            working = working.withState(PaperOrder.OPEN, now);
            next = next.withState(working);
            taker = true;
        }
        Optional<BigDecimal> price = fillPrice(working, last, taker);
        if (price.isPresent()) {
            return fill(next, working, price.get(), now);
        }
        if (working.validity() == Validity.IOC) {
            return next.withState(working.cancelled(now));
        }
        return next;
    }

    static boolean triggered(PaperOrder order, BigDecimal last) {
        return order.side() == Side.BUY
                ? last.compareTo(order.triggerPrice()) >= 0
                : last.compareTo(order.triggerPrice()) <= 0;
    }

    static Optional<BigDecimal> fillPrice(PaperOrder order, BigDecimal last, boolean taker) {
        return switch (order.type()) {
            case MARKET, STOP_MARKET -> Optional.of(last);
            case LIMIT, STOP_LIMIT -> {
                boolean marketable = order.side() == Side.BUY
                        ? order.price().compareTo(last) >= 0
                        : order.price().compareTo(last) <= 0;
                yield marketable ? Optional.of(taker ? last : order.price()) : Optional.empty();
            }
        };
    }

    /** The fill, unless it would raise the margin in use past the funds: then RMS rejects the order. */
    private PaperBook fill(PaperBook current, PaperOrder order, BigDecimal price, LocalDateTime now) {
        PaperFill fill = new PaperFill(
                order.id(),
                String.format("%08d", current.lastFillSequence() + 1),
                order.tag(),
                order.contract(),
                order.side(),
                order.product(),
                order.quantity(),
                price,
                now);
        PaperBook filled = current.withFill(fill).withState(order.filled(price, now));
        PaperMargins.Funds before = margins.funds(current);
        PaperMargins.Funds after = margins.funds(filled);
        BigDecimal marginBefore = before.marginUsed().subtract(order.blockedMargin());
        if (after.marginUsed().compareTo(marginBefore) > 0 && after.available().signum() < 0) {
            log.info(
                    "[{}] paper order {} rejected at fill: margin in use would be {}, funds {}",
                    account,
                    order.id(),
                    PaperMargins.money(after.marginUsed()),
                    before.available().add(order.blockedMargin()));
            return current.withState(order.rejected(MARGIN_EXCEEDED, now));
        }
        log.info(
                "[{}] paper fill {} of order {}: {} {} {} at {}",
                account,
                fill.fillId(),
                order.id(),
                order.side(),
                order.quantity(),
                order.contract().tradingSymbol(),
                price.toPlainString());
        return filled;
    }

    // ---- checks ----

    private void checkTerms(
            InstrumentMeta contract,
            Segment segment,
            Product product,
            int quantity,
            Optional<BigDecimal> price,
            Optional<BigDecimal> trigger) {
        String symbol = contract.tradingSymbol().value();
        if (segment != contract.segment()) {
            throw rejected(
                    1006,
                    "Invalid exchange: " + symbol + " trades on " + KotakCodes.segment(contract.segment()) + ", not "
                            + KotakCodes.segment(segment));
        }
        boolean derivative = PaperMargins.isDerivative(contract.segment());
        switch (product) {
            case CO, BO -> throw rejected(1002, "Product " + product + " is discontinued");
            case CNC, MTF -> {
                if (derivative) {
                    throw rejected(1002, "Product " + product + " is not allowed for " + symbol);
                }
            }
            case NRML, MIS -> {}
        }
        if (quantity % contract.lotSize() != 0) {
            throw rejected(
                    1009,
                    "Invalid quantity: " + quantity + " is not a multiple of lot size " + contract.lotSize() + " for "
                            + symbol);
        }
        if (quantity > contract.freezeQuantity()) {
            throw rejected(
                    1009,
                    "Invalid quantity: " + quantity + " is above the freeze quantity " + contract.freezeQuantity()
                            + " for " + symbol);
        }
        checkTick("price", price, contract);
        checkTick("trigger price", trigger, contract);
    }

    private static void checkTick(String what, Optional<BigDecimal> value, InstrumentMeta contract) {
        if (value.isPresent() && value.get().remainder(contract.tick()).signum() != 0) {
            throw rejected(
                    1002,
                    "Invalid " + what + ": " + value.get().toPlainString() + " is not a multiple of tick "
                            + contract.tick().toPlainString() + " for " + contract.tradingSymbol());
        }
    }

    /** An order that needs no margin (an exit) passes even when the market has overdrawn the account. */
    private void requireFunds(BigDecimal required, BigDecimal available, String symbol) {
        if (required.signum() > 0 && required.compareTo(available) > 0) {
            log.info(
                    "[{}] paper order for {} refused: needs {} of margin, {} available",
                    account,
                    symbol,
                    required.toPlainString(),
                    available.toPlainString());
            throw rejected(1004, "Insufficient balance.");
        }
    }

    /**
     * The current state of an order that can still be changed, or Kotak's answer why not, worded as the Kotak adapter
     * words it ({@link KotakCodes#orderStateRefusal}): 1021 for a complete order, 1006 {@code finishedText} for a
     * cancelled or rejected one, 1006 "Order already cancelled or not found." for one the account does not have.
     */
    private PaperOrder working(BrokerOrderId id, String finishedText) {
        PaperOrder current =
                book.current(id).orElseThrow(() -> orderStateRefusal(KotakCodes.ORDER_NOT_CHANGEABLE, NOT_FOUND));
        return switch (current.status()) {
            case COMPLETE -> throw orderStateRefusal(KotakCodes.ORDER_COMPLETE, COMPLETED);
            case CANCELLED, REJECTED -> throw orderStateRefusal(KotakCodes.ORDER_NOT_CHANGEABLE, finishedText);
            case PENDING, OPEN, TRIGGER_PENDING, OTHER -> current;
        };
    }

    private static BrokerException.Rejected orderStateRefusal(int code, String text) {
        return rejected(code, KotakCodes.orderStateRefusal(code, text));
    }

    /**
     * Whether a modified order waits in "trigger pending": a stop not triggered yet waits for its new trigger, an order
     * made a stop starts waiting, but a stop that has triggered already keeps working as a limit or market order,
     * whatever its new trigger, as at the exchange.
     */
    private static boolean waitsForTrigger(PaperOrder current, OrderType newType) {
        boolean triggered = current.type().needsTrigger() && current.status() == OrderStatus.OPEN;
        return newType.needsTrigger() && !triggered;
    }

    /**
     * Units of an order that would open (or extend) a position rather than close one: an exit
     * needs no margin. Other working orders on the same side claim the closable units first.
     */
    private int openingQuantity(
            InstrumentMeta contract, Product product, Side side, int quantity, Optional<BrokerOrderId> excluding) {
        int net = PaperPosition.find(book.fills(), contract, product).net();
        int closable = side == Side.SELL ? Math.max(0, net) : Math.max(0, -net);
        int claimed = book.workingOrders().stream()
                .filter(o -> excluding.map(id -> !id.equals(o.id())).orElse(true))
                .filter(o -> o.side() == side
                        && o.product() == product
                        && o.contract().segment() == contract.segment()
                        && o.contract().tradingSymbol().equals(contract.tradingSymbol()))
                .mapToInt(PaperOrder::quantity)
                .sum();
        return Math.max(0, quantity - Math.max(0, closable - claimed));
    }

    /** The price margin is blocked at: the limit, the trigger of a stop-market, else the last price. */
    private static BigDecimal marginPrice(
            OrderType type, Optional<BigDecimal> price, Optional<BigDecimal> trigger, BigDecimal last) {
        return switch (type) {
            case LIMIT, STOP_LIMIT -> price.orElseThrow();
            case STOP_MARKET -> trigger.orElseThrow().max(last);
            case MARKET -> last;
        };
    }

    private InstrumentMeta contractOf(QuoteKey key) {
        if (!(key instanceof QuoteKey.Instrument instrument)) {
            throw rejected(1009, "Invalid instrument/code");
        }
        return lookUp(() -> instruments.byToken(instrument.segment(), instrument.token()))
                .orElseThrow(() -> rejected(1009, "Invalid instrument/code"));
    }

    /**
     * A failing instrument lookup (Redis unreachable) means nothing was done: Transient, like a
     * network failure before a request went out, rather than an exception the agent does not expect.
     */
    private <T> Optional<T> lookUp(Supplier<Optional<T>> lookup) {
        try {
            return lookup.get();
        } catch (RuntimeException e) {
            throw new BrokerException.Transient("instrument lookup failed: " + e.getMessage(), e);
        }
    }

    // ---- plumbing ----

    /**
     * Runs a change of the book inside the account's lock, on the book as saved: two processes on
     * the account never compute from the same stale book. Call with the broker lock held.
     */
    private <T> T change(Supplier<T> change) {
        try {
            return store.locked(() -> {
                refresh();
                return change.get();
            });
        } catch (UncheckedIOException e) {
            throw new BrokerException.Transient(
                    "paper account " + account + " could not be locked, nothing was changed: " + e.getMessage(), e);
        }
    }

    /** The book, as another process may have changed it; immutable, so it can be read without the lock. */
    private PaperBook current() {
        return underLock(() -> {
            refresh();
            return book;
        });
    }

    /** Adopts the saved book if another writer saved since this broker last read or wrote it. */
    private void refresh() {
        try {
            store.reloadIfChanged().ifPresent(this::adopt);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new BrokerException.Transient(
                    "paper account " + account + " could not be re-read, nothing was done: " + e.getMessage(), e);
        }
    }

    /** Saves, then adopts the new book: a failed save changes nothing, and the caller hears "not done". */
    private void commit(PaperBook next) {
        try {
            store.save(next);
        } catch (UncheckedIOException e) {
            throw new BrokerException.Transient(
                    "paper account " + account + " could not be saved, nothing was changed: " + e.getMessage(), e);
        }
        adopt(next);
    }

    /**
     * Takes {@code next} as the book, and queues for the order feeds every order whose history grew in it: the one
     * place the book changes (this broker's changes and, through {@link #refresh}, another process's). With the
     * lock held; {@link #underLock} delivers once it is released.
     */
    private void adopt(PaperBook next) {
        PaperBook previous = book;
        book = next;
        if (orderFeeds.isEmpty()) {
            return;
        }
        next.orders().forEach((id, history) -> {
            if (history.size() > previous.history(id).size()) {
                OrderUpdate update = new OrderUpdate.Full(history.getLast().toOrder());
                orderFeeds.forEach(feed -> feed.offer(listener -> listener.onOrder(update)));
            }
        });
    }

    /**
     * Runs {@code action} holding the broker lock; then, with no lock held, hands the order feeds what it changed
     * (see {@code PaperFeed}: in the order it happened, even when threads race).
     */
    private <T> T underLock(Supplier<T> action) {
        try {
            synchronized (lock) {
                return action.get();
            }
        } finally {
            orderFeeds.forEach(PaperFeed::deliver);
        }
    }

    /** Kotak-like: the day in {@code yyMMdd}, then a 9-digit sequence that never repeats in the account. */
    private static BrokerOrderId orderNumber(long sequence, LocalDateTime now) {
        return new BrokerOrderId(now.format(ORDER_DATE) + String.format("%09d", sequence));
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), PaperMarket.IST);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static BrokerException.Rejected rejected(int code, String message) {
        return new BrokerException.Rejected(code, message);
    }
}
