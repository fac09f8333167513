package dev.neoagent.agent.order;

import dev.neoagent.agent.command.EquityOrder;
import dev.neoagent.agent.command.InvalidRequestException;
import dev.neoagent.agent.command.OptionLeg;
import dev.neoagent.agent.command.SquareOffItem;
import dev.neoagent.config.RiskLimits;
import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.Decimals;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.MarketProtection;
import dev.neoagent.domain.OptionType;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Position;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Validates a request against the instrument master and the user's limits and turns it into the
 * exact orders to send, BUY before SELL, sliced at the freeze quantity. Everything that can be wrong
 * with a request is found here, before any broker call; the exception message names the leg, the
 * field and the problem.
 */
public final class OrderPlanner {
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private final InstrumentResolver instruments;
    private final Clock clock;

    public OrderPlanner(InstrumentResolver instruments, Clock clock) {
        this.instruments = instruments;
        this.clock = clock;
    }

    // ---- option legs ----

    /** The last traded price of a contract when it can be had now; empty when it cannot (then it is not checked). */
    @FunctionalInterface
    public interface LastPrices {
        Optional<BigDecimal> of(InstrumentMeta contract);

        LastPrices UNKNOWN = contract -> Optional.empty();
    }

    public List<PlannedOrder> planOptions(List<OptionLeg> legs, RiskLimits risk) {
        return planOptions(legs, risk, LastPrices.UNKNOWN);
    }

    /**
     * @param lastPrices asked only for stop-loss legs, whose trigger must be beyond the last price
     */
    public List<PlannedOrder> planOptions(List<OptionLeg> legs, RiskLimits risk, LastPrices lastPrices) {
        List<PlannedOrder> orders = new ArrayList<>();
        for (OptionLeg leg : legs) {
            InstrumentMeta contract = resolve(leg);
            checkQuantity(leg.describe() + ": Qty", leg.quantity(), contract, risk);
            Pricing pricing = pricing(
                    leg.describe() + ": ",
                    "LimitPrice",
                    "TriggerPrice",
                    leg.side(),
                    leg.executionType(),
                    leg.limitPrice(),
                    leg.triggerPrice(),
                    contract,
                    lastPrices);
            orders.addAll(slices(leg.index(), contract, leg.side(), leg.quantity(), pricing, leg.product()));
        }
        return buyFirst(orders);
    }

    /** What is sent for an order's type and prices: an SL-M becomes an SL with its protective limit. */
    record Pricing(OrderType type, Optional<BigDecimal> price, Optional<BigDecimal> trigger) {}

    /**
     * Checks the prices of an order against its contract (tick grid; a stop's trigger beyond the last price, when it
     * is known, or it would trigger at once) and says what to send (redis-contract.md §2.2).
     */
    private static Pricing pricing(
            String where,
            String limitField,
            String triggerField,
            Side side,
            OrderType type,
            Optional<BigDecimal> limit,
            Optional<BigDecimal> trigger,
            InstrumentMeta contract,
            LastPrices lastPrices) {
        limit.ifPresent(price -> checkTick(where + limitField, price, contract));
        trigger.ifPresent(price -> checkTick(where + triggerField, price, contract));
        if (!type.needsTrigger()) {
            return new Pricing(type, limit, Optional.empty());
        }
        BigDecimal stop = trigger.orElseThrow();
        lastPrices.of(contract).ifPresent(last -> {
            if (side == Side.BUY && stop.compareTo(last) <= 0) {
                throw deny(where + triggerField + " " + stop.toPlainString() + " is at or below the last price "
                        + Decimals.plain(last) + " of " + contract.tradingSymbol()
                        + ": a BUY stop would trigger at once");
            }
            if (side == Side.SELL && stop.compareTo(last) >= 0) {
                throw deny(where + triggerField + " " + stop.toPlainString() + " is at or above the last price "
                        + Decimals.plain(last) + " of " + contract.tradingSymbol()
                        + ": a SELL stop would trigger at once");
            }
        });
        if (type == OrderType.STOP_MARKET) {
            return new Pricing(OrderType.STOP_LIMIT, Optional.of(stopMarketLimit(side, stop, contract)), trigger);
        }
        return new Pricing(type, limit, trigger);
    }

    private InstrumentMeta resolve(OptionLeg leg) {
        String where = leg.describe() + ": ";
        LocalDate today = LocalDate.now(clock.withZone(IST));
        if (leg.expiry().isBefore(today)) {
            throw deny(where + "Expiry " + leg.expiry() + " has passed (today is " + today + ")");
        }
        Optional<InstrumentToken> token =
                instruments.optionToken(leg.underlying(), leg.expiry(), leg.optionType(), leg.strike());
        if (token.isEmpty()) {
            throw deny(where + whyNotFound(leg));
        }
        InstrumentMeta contract = instruments
                .optionMeta(token.get())
                .orElseThrow(() -> deny(where + "token " + token.get() + " has no entry in " + InstrumentKeys.INSTR_META
                        + "; reload the instrument master"));
        if (!contract.expiry().equals(Optional.of(leg.expiry()))
                || contract.strike().map(s -> s.compareTo(leg.strike()) != 0).orElse(true)
                || !contract.optionType().map(OptionType::name).equals(Optional.of(leg.optionType()))) {
            throw deny(where + "the instrument master is inconsistent for token " + token.get() + " ("
                    + contract.tradingSymbol() + "); reload it");
        }
        if (contract.expiry().get().isBefore(today)) {
            throw deny(where + contract.tradingSymbol() + " expired on "
                    + contract.expiry().get());
        }
        leg.instrumentToken().filter(t -> !t.equals(token.get().value())).ifPresent(t -> {
            throw deny(where + "exchangeInstrumentID " + t + " does not match " + contract.tradingSymbol() + " (token "
                    + token.get() + ")");
        });
        leg.tradingSymbol()
                .filter(t -> !t.equals(contract.tradingSymbol().value()))
                .ifPresent(t -> {
                    throw deny(
                            where + "tradingSymbol " + t + " does not match the contract " + contract.tradingSymbol());
                });
        return contract;
    }

    /** Says precisely which part of the leg the master does not know. */
    private String whyNotFound(OptionLeg leg) {
        Optional<List<LocalDate>> expiries = instruments.expiries(leg.underlying());
        if (expiries.isEmpty()) {
            List<String> known = instruments.underlyings();
            return "Index " + leg.underlying() + " is not in the instrument master"
                    + (known.isEmpty()
                            ? " (no instrument master is loaded; run neo-bootstrap)"
                            : " (loaded: " + String.join(", ", known) + ")");
        }
        if (!expiries.get().contains(leg.expiry())) {
            return "Expiry " + leg.expiry() + " is not a loaded " + leg.underlying() + " expiry"
                    + nextExpiries(expiries.get());
        }
        return "Strike " + InstrumentKeys.strikeText(leg.strike()) + " " + leg.optionType()
                + " is not in the instrument master for " + leg.underlying() + " " + leg.expiry();
    }

    private static String nextExpiries(List<LocalDate> expiries) {
        List<String> first = expiries.stream().limit(3).map(LocalDate::toString).toList();
        return first.isEmpty() ? "" : " (next: " + String.join(", ", first) + ")";
    }

    // ---- equity ----

    public List<PlannedOrder> planEquity(EquityOrder order, RiskLimits risk) {
        return planEquity(order, risk, LastPrices.UNKNOWN);
    }

    public List<PlannedOrder> planEquity(EquityOrder order, RiskLimits risk, LastPrices lastPrices) {
        String where = "EQUITY_ORDER: ";
        InstrumentToken token = instruments
                .equityToken(order.symbol())
                .orElseThrow(() -> deny(
                        where + "symbol " + order.symbol() + " is not in the instrument master (NSE EQ/BE series)"));
        InstrumentMeta contract = instruments
                .byToken(Segment.NSE_CM, token)
                .orElseThrow(() -> deny(where + "token " + token + " of " + order.symbol() + " has no entry in "
                        + InstrumentKeys.INSTR_META));
        order.instrumentToken().filter(t -> !t.equals(token.value())).ifPresent(t -> {
            throw deny(where + "exchangeInstrumentID " + t + " does not match " + contract.tradingSymbol() + " (token "
                    + token + ")");
        });
        checkQuantity(where + "qty", order.quantity(), contract, risk);
        Pricing pricing = pricing(
                where,
                "price",
                "trigger_price",
                order.side(),
                order.type(),
                order.price(),
                order.triggerPrice(),
                contract,
                lastPrices);
        return slices(0, contract, order.side(), order.quantity(), pricing, order.product());
    }

    // ---- square-off ----

    /**
     * Closing orders for the listed positions, checked against the broker's position book: the side
     * must close the position and the quantity must not exceed it, so a square-off can never open
     * or flip a position. Size limits do not apply: a user must always be able to get out.
     */
    public List<PlannedOrder> planSquareOff(List<SquareOffItem> items, List<Position> positions) {
        List<PlannedOrder> orders = new ArrayList<>();
        for (SquareOffItem item : items) {
            String where = "position " + item.index() + ": ";
            List<Position> open = positions.stream()
                    .filter(p -> p.netQuantity() != 0)
                    .filter(p -> p.token()
                            .map(t -> t.value().equals(item.instrumentToken()))
                            .orElse(false))
                    .toList();
            if (open.isEmpty()) {
                throw deny(where + "no open position with exchangeInstrumentID " + item.instrumentToken());
            }
            int net = open.stream().mapToInt(Position::netQuantity).sum();
            Side closing = net > 0 ? Side.SELL : Side.BUY;
            if (item.side() != closing) {
                throw deny(where + "Side " + item.side() + " would not close the " + (net > 0 ? "long" : "short")
                        + " position of " + Math.abs(net) + " in " + open.get(0).symbol());
            }
            if (item.quantity() > Math.abs(net)) {
                throw deny(where + "Quantity " + item.quantity() + " is more than the open position of " + Math.abs(net)
                        + " in " + open.get(0).symbol());
            }
            int remaining = item.quantity();
            for (Position position : open) {
                if (remaining == 0) {
                    break;
                }
                InstrumentMeta contract = contractOf(position);
                item.tradingSymbol().filter(s -> !matches(s, contract)).ifPresent(s -> {
                    throw deny(where + "TradingSymbol '" + s + "' does not match exchangeInstrumentID "
                            + item.instrumentToken() + " (" + contract.tradingSymbol() + ")");
                });
                int quantity = Math.min(remaining, Math.abs(position.netQuantity()));
                if (quantity % contract.lotSize() != 0) {
                    throw deny(where + "Quantity " + quantity + " is not a multiple of lot size " + contract.lotSize()
                            + " for " + contract.tradingSymbol());
                }
                orders.addAll(slices(
                        item.index(),
                        contract,
                        closing,
                        quantity,
                        OrderType.MARKET,
                        Optional.empty(),
                        position.product()));
                remaining -= quantity;
            }
        }
        return buyFirst(orders);
    }

    /** Closing orders for every open position. */
    public List<PlannedOrder> planSquareOffAll(List<Position> positions) {
        List<PlannedOrder> orders = new ArrayList<>();
        int index = 0;
        for (Position position : positions) {
            if (position.netQuantity() == 0) {
                continue;
            }
            InstrumentMeta contract = contractOf(position);
            Side closing = position.netQuantity() > 0 ? Side.SELL : Side.BUY;
            orders.addAll(slices(
                    index++,
                    contract,
                    closing,
                    Math.abs(position.netQuantity()),
                    OrderType.MARKET,
                    Optional.empty(),
                    position.product()));
        }
        return buyFirst(orders);
    }

    /** The master's contract for a position, or one built from the position itself when not loaded. */
    private InstrumentMeta contractOf(Position position) {
        Optional<InstrumentMeta> loaded =
                position.token().flatMap(token -> instruments.byToken(position.segment(), token));
        return loaded.orElseGet(() -> new InstrumentMeta(
                position.token().orElse(new InstrumentToken("0")),
                position.symbol(),
                position.segment(),
                position.symbol().value(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                position.lotSize(),
                new BigDecimal("0.05"),
                Integer.MAX_VALUE));
    }

    private static boolean matches(String shown, InstrumentMeta contract) {
        String normal = shown.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        return normal.equals(contract.tradingSymbol().value().toUpperCase(Locale.ROOT))
                || normal.equals(contract.xtsDisplayName().toUpperCase(Locale.ROOT));
    }

    // ---- shared checks ----

    private static void checkQuantity(String what, int quantity, InstrumentMeta contract, RiskLimits risk) {
        if (quantity % contract.lotSize() != 0) {
            throw deny(what + " " + quantity + " is not a multiple of lot size " + contract.lotSize() + " for "
                    + contract.tradingSymbol());
        }
        int lots = quantity / contract.lotSize();
        if (lots > risk.maxLotsPerOrder()) {
            throw deny(what + " " + quantity + " is " + lots + " lots of " + contract.tradingSymbol()
                    + ", above this user's limit of " + risk.maxLotsPerOrder() + " lots (max_lots_per_order)");
        }
    }

    private static void checkTick(String what, BigDecimal price, InstrumentMeta contract) {
        if (price.remainder(contract.tick()).signum() != 0) {
            throw deny(what + " " + price.toPlainString() + " is not on the tick grid of "
                    + Decimals.plain(contract.tick()) + " for " + contract.tradingSymbol());
        }
    }

    /**
     * Splits a quantity into orders of at most the largest whole number of lots below the freeze
     * quantity (the exchange freezes orders at or above it), each a whole number of lots.
     */
    static List<PlannedOrder> slices(
            int leg,
            InstrumentMeta contract,
            Side side,
            int quantity,
            OrderType type,
            Optional<BigDecimal> price,
            Product product) {
        return slices(leg, contract, side, quantity, new Pricing(type, price, Optional.empty()), product);
    }

    static List<PlannedOrder> slices(
            int leg, InstrumentMeta contract, Side side, int quantity, Pricing pricing, Product product) {
        int lot = contract.lotSize();
        int maxPerOrder = contract.freezeQuantity() == Integer.MAX_VALUE
                ? quantity
                : Math.max(lot, ((contract.freezeQuantity() - 1) / lot) * lot);
        List<PlannedOrder> orders = new ArrayList<>();
        int remaining = quantity;
        int slice = 0;
        while (remaining > 0) {
            int size = Math.min(remaining, maxPerOrder);
            orders.add(new PlannedOrder(
                    leg, slice++, contract, side, size, pricing.type(), pricing.price(), pricing.trigger(), product));
            remaining -= size;
        }
        return orders;
    }

    /** BUY orders first (hedges before shorts, for margin), each side in request order. */
    static List<PlannedOrder> buyFirst(List<PlannedOrder> orders) {
        return orders.stream()
                .sorted(Comparator.comparing((PlannedOrder o) -> o.side() == Side.BUY ? 0 : 1))
                .toList();
    }

    /**
     * The limit an SL-M is sent with, as an SL: one market-protection band beyond the trigger (Kotak refuses SL-M
     * from API sessions, redis-contract.md §2.2).
     */
    public static BigDecimal stopMarketLimit(Side side, BigDecimal trigger, InstrumentMeta contract) {
        try {
            return MarketProtection.stopLimit(
                    side, trigger, contract.tick(), MarketProtection.Grid.of(contract.isOption()));
        } catch (IllegalArgumentException e) {
            throw deny("SL-M with trigger " + trigger.toPlainString() + " for " + contract.tradingSymbol()
                    + " cannot be sent: " + e.getMessage());
        }
    }

    private static InvalidRequestException deny(String message) {
        return new InvalidRequestException(message);
    }
}
