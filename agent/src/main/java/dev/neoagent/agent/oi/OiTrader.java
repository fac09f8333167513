package dev.neoagent.agent.oi;

import dev.neoagent.agent.answer.Answers;
import dev.neoagent.agent.answer.Answers.OrderAnswer;
import dev.neoagent.agent.command.ClaimedRequest;
import dev.neoagent.agent.command.Command;
import dev.neoagent.agent.command.InvalidRequestException;
import dev.neoagent.agent.command.OptionLeg;
import dev.neoagent.agent.metrics.AgentMetrics;
import dev.neoagent.agent.order.InstrumentResolver;
import dev.neoagent.agent.order.OrderPlanner;
import dev.neoagent.agent.order.OrderResult;
import dev.neoagent.agent.order.Outcome;
import dev.neoagent.agent.order.PlannedOrder;
import dev.neoagent.agent.spot.SpotIndex;
import dev.neoagent.agent.spot.SpotSettings;
import dev.neoagent.agent.spot.SpotValue;
import dev.neoagent.config.RiskLimits;
import dev.neoagent.contract.Flags;
import dev.neoagent.contract.OiIndex;
import dev.neoagent.contract.RequestType;
import dev.neoagent.domain.Decimals;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.instruments.InstrumentMeta;
import dev.neoagent.json.PythonJson;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trades one OI crossover (redis-contract.md §2.9) for one user: checks the signal, the spot, the market and the kill
 * switch; keeps one position per user and index in {@code NEO_OI_POSITION:<UID>}; a signal in the position's
 * direction is IGNORED; an opposite one exits first and enters only once the exit is filled (one executor call, hedge
 * by fill: the BUY back goes first and the SELL only after its fill — a failed exit never leads to an entry). Every
 * order goes through the normal order path (planner, risk limits, rate limit, executor, tags, audit). Answers in the
 * UI's OI-tab fields, always valid JSON where the UI parses.
 */
public final class OiTrader {
    private static final Logger log = LoggerFactory.getLogger(OiTrader.class);
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private final RedisCommands<String, String> redis;
    private final OiSettings settings;
    private final SpotSettings spot;
    private final AgentMetrics metrics;
    private final Clock clock;

    public OiTrader(
            RedisCommands<String, String> redis,
            OiSettings settings,
            SpotSettings spot,
            AgentMetrics metrics,
            Clock clock) {
        this.redis = redis;
        this.settings = settings;
        this.spot = spot;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The orders one trade sends, and how it ended; {@code send} sends planned orders at most once each. */
    public Map<String, String> trade(
            String uid,
            RiskLimits risk,
            ClaimedRequest request,
            Command.OiCrossover oi,
            InstrumentResolver instruments,
            OrderPlanner planner,
            Function<List<PlannedOrder>, List<OrderResult>> send) {
        OiIndex index = oi.index();
        Map<String, String> signal = oi.signal().orElseGet(() -> redis.hgetall(index.signalKey()));
        Trade trade = new Trade(uid, index, request, signal);
        try {
            return attempt(trade, oi, risk, instruments, planner, send);
        } catch (InvalidRequestException e) {
            // a risk limit, a contract not loaded, bad lots: nothing sent; other users may still trade the signal
            return trade.failed(e.getMessage(), Optional.empty(), "denied");
        }
    }

    private Map<String, String> attempt(
            Trade trade,
            Command.OiCrossover oi,
            RiskLimits risk,
            InstrumentResolver instruments,
            OrderPlanner planner,
            Function<List<PlannedOrder>, List<OrderResult>> send) {
        OiIndex index = oi.index();
        Instant now = clock.instant();
        Optional<Instant> signalTime =
                Optional.ofNullable(trade.signal.get(OiIndex.SIGNAL_TS)).flatMap(OiTrader::epoch);
        if (oi.signal().isPresent()) {
            if (signalTime.isEmpty()) {
                trade.signalStatus(OiIndex.SIGNAL_FAILED);
                return trade.failed(
                        "the signal's ts '" + trade.signal.get(OiIndex.SIGNAL_TS)
                                + "' is not an epoch time; not traded",
                        Optional.empty(),
                        "bad_signal");
            }
            Duration age = Duration.between(signalTime.get(), now);
            if (age.compareTo(settings.signalMaxAge()) > 0) {
                trade.signalStatus(OiIndex.SIGNAL_FAILED_STALE);
                return trade.failed(
                        "the " + index + " signal is " + Math.round(age.toMillis() / 1000.0) + " s old (limit "
                                + settings.signalMaxAge().toSeconds() + " s); not traded",
                        Optional.empty(),
                        "stale");
            }
        }
        if (trade.request.haltReason().isPresent()) {
            return trade.failed(trade.request.haltReason().get(), Optional.empty(), "halted");
        }
        if (!spot.marketHours().isOpen(now)) {
            trade.signalStatus(OiIndex.SIGNAL_FAILED);
            return trade.failed(
                    "the market is closed (" + spot.marketHours().text() + " IST, Monday to Friday); " + "not traded",
                    Optional.empty(),
                    "market_closed");
        }
        SpotIndex spotIndex = SpotIndex.forUnderlying(index.underlying()).orElseThrow();
        Optional<SpotValue> value = SpotValue.read(redis, spotIndex);
        if (value.isEmpty() || !value.get().isFresh(now, spot.maxAge())) {
            trade.signalStatus(OiIndex.SIGNAL_FAILED_NO_SPOT);
            trade.engineStatus = OiIndex.ENGINE_ERROR;
            String why = value.map(v -> " (" + v.age(now).toSeconds() + " s old, limit "
                            + spot.maxAge().toSeconds() + " s)")
                    .orElse("");
            return trade.failed(spotIndex.valueKey() + " not available" + why, Optional.empty(), "no_spot");
        }
        Optional<OiPosition> open = OiPosition.parse(redis.hget(OiIndex.positionKey(trade.uid), index.name()));
        if (open.isPresent() && open.get().direction().equals(oi.direction())) {
            trade.signalStatus(OiIndex.SIGNAL_CONSUMED);
            trade.status = OiIndex.STATUS_IGNORED;
            return trade.answer("Same direction position already exists", List.of(), Optional.empty(), "ignored");
        }

        // the entry: strike, expiry and quantity by the contract's rules, through the normal planner
        boolean bullish = oi.direction().equals(OiIndex.BULLISH);
        String optionType = bullish ? "PE" : "CE";
        BigDecimal step = settings.strikeStep();
        BigDecimal strike = value.get()
                .value()
                .divide(step, 0, bullish ? RoundingMode.FLOOR : RoundingMode.CEILING)
                .multiply(step);
        LocalDate expiry = expiry(index, instruments, now);
        InstrumentMeta contract = instruments
                .optionToken(index.underlying(), expiry, optionType, strike)
                .flatMap(instruments::optionMeta)
                .orElseThrow(() -> new InvalidRequestException("no " + index + " " + expiry + " "
                        + Decimals.plain(strike) + " " + optionType + " in the instrument master; not traded"));
        int lots = lots(trade.uid, index);
        int quantity = lots * contract.lotSize();
        List<PlannedOrder> exits =
                open.map(position -> exits(position, instruments)).orElse(List.of());
        OptionLeg leg = new OptionLeg(
                exits.isEmpty() ? 0 : exits.size(),
                index.underlying(),
                Product.NRML,
                quantity,
                Side.SELL,
                expiry,
                strike,
                optionType,
                OrderType.MARKET,
                Optional.empty(),
                Optional.empty(),
                Optional.of(contract.token().value()),
                Optional.empty());
        List<PlannedOrder> entries = planner.planOptions(List.of(leg), risk);
        String payload = payload(
                index,
                quantity,
                expiry,
                strike,
                optionType,
                value.get().value(),
                oi.direction(),
                trade.signal.get(OiIndex.SIGNAL_PE_CE));

        List<PlannedOrder> orders = new ArrayList<>(exits);
        orders.addAll(entries);
        List<OrderResult> results = send.apply(orders);
        List<OrderResult> exitResults = results.subList(0, exits.size());
        List<OrderResult> entryResults = results.subList(exits.size(), results.size());
        boolean entrySent = entryResults.stream().noneMatch(r -> r.outcome() == Outcome.NOT_SENT);
        if (!exits.isEmpty() && entrySent) {
            // the entry went only because every exit order was filled: the old position is closed
            redis.hdel(OiIndex.positionKey(trade.uid), index.name());
        }
        boolean entered = entryResults.stream().allMatch(r -> r.outcome() == Outcome.DONE);
        if (entered) {
            OiPosition position = new OiPosition(
                    oi.direction(),
                    entryResults.stream()
                            .map(r -> new OiPosition.Leg(
                                    r.tradingSymbol(),
                                    contract.token().value(),
                                    Side.SELL.name(),
                                    r.quantity(),
                                    r.orderNumber().orElse(""),
                                    expiry.toString(),
                                    Decimals.plain(strike),
                                    optionType))
                            .toList(),
                    trade.signal.get(OiIndex.SIGNAL_TS),
                    now);
            redis.hset(OiIndex.positionKey(trade.uid), index.name(), position.toJson());
            trade.signalStatus(OiIndex.SIGNAL_CONSUMED);
            String numbers =
                    entryResults.stream().flatMap(r -> r.orderNumber().stream()).collect(Collectors.joining(", "));
            return trade.answer("Order placed: " + numbers, results, Optional.of(payload), "traded");
        }
        boolean unknown = results.stream().anyMatch(r -> r.outcome() == Outcome.UNKNOWN);
        // acted on, or may have: never again for this user; other users' engines decide for themselves
        trade.signalStatusIfNew(unknown ? OiIndex.SIGNAL_CONSUMED : OiIndex.SIGNAL_FAILED);
        OrderAnswer summary = Answers.summarise(trade.request.type(), results);
        String message = !exitResults.isEmpty() && !entrySent
                ? "exit of the " + open.get().direction() + " position first: " + summary.message() + "; no entry"
                : summary.message();
        if (unknown) {
            trade.status = Flags.STATUS_UNKNOWN;
            return trade.answer(message, results, Optional.of(payload), "unknown");
        }
        return trade.failed(message, Optional.of(payload), "failed", results);
    }

    /** BUY back every leg of the open position, as it was sold (closing orders: no size limit applies). */
    private static List<PlannedOrder> exits(OiPosition position, InstrumentResolver instruments) {
        List<PlannedOrder> exits = new ArrayList<>();
        for (OiPosition.Leg leg : position.legs()) {
            InstrumentMeta contract = instruments
                    .byToken(Segment.NSE_FO, new InstrumentToken(leg.token()))
                    .orElseThrow(() -> new InvalidRequestException("the open " + position.direction() + " position's "
                            + leg.tsym() + " (token " + leg.token() + ") is not in the instrument master; it cannot be "
                            + "exited here, so nothing was sent"));
            exits.add(new PlannedOrder(
                    exits.size(), 0, contract, Side.BUY, leg.qty(), OrderType.MARKET, Optional.empty(), Product.NRML));
        }
        return exits;
    }

    /** The nearest loaded expiry not before today, or the last one of its month. */
    private LocalDate expiry(OiIndex index, InstrumentResolver instruments, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, IST);
        List<LocalDate> loaded = instruments
                .expiries(index.underlying())
                .orElseThrow(() ->
                        new InvalidRequestException("no " + index + " expiries in the instrument master; not traded"));
        LocalDate nearest = loaded.stream()
                .filter(date -> !date.isBefore(today))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(
                        "no " + index + " expiry from " + today + " on is loaded; not traded"));
        if (settings.expiry() == OiSettings.Expiry.NEAREST) {
            return nearest;
        }
        YearMonth month = YearMonth.from(nearest);
        return loaded.stream()
                .filter(date -> YearMonth.from(date).equals(month))
                .reduce((a, b) -> b)
                .orElse(nearest);
    }

    /** {@code OI_NIFTY_LOTS}: whole lots, 1 when absent (as the UI's engine reads it). */
    private int lots(String uid, OiIndex index) {
        String text = redis.hget(uid, index.lotsField());
        if (text == null || text.isBlank()) {
            return 1;
        }
        try {
            int lots = Integer.parseInt(text.strip());
            if (lots >= 1) {
                return lots;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException(
                index.lotsField() + " must be a whole number of lots from 1, got '" + text + "'; not traded");
    }

    /** A signal's {@code ts} (epoch seconds with a fraction) as an instant; empty when it is not a number. */
    static Optional<Instant> epoch(String seconds) {
        try {
            BigDecimal value = new BigDecimal(seconds.strip());
            return Optional.of(Instant.ofEpochMilli(value.movePointRight(3).longValue()));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * The order as the UI's OI order engine wrote it (ui-contract.md §6.2), for {@code OI_ENGINE_LAST_ORDER}: the
     * entry's Index, product, units, side, expiry, strike, option type, and the strategy, spot, pe_ce and direction.
     */
    private static String payload(
            OiIndex index,
            int quantity,
            LocalDate expiry,
            BigDecimal strike,
            String optionType,
            BigDecimal spot,
            String direction,
            String peCe) {
        PythonJson.ObjectWriter json = PythonJson.object()
                .string("Index", index.underlying())
                .string("OrderType", Product.NRML.name())
                .number("Qty", quantity)
                .string("Side", Side.SELL.name())
                .string("Expiry", expiry.toString())
                .raw("Strike", Decimals.plain(strike))
                .string("OptionType", optionType)
                .string("strategy", "OI_CROSSOVER")
                .raw("spot", Decimals.plain(spot));
        Optional<BigDecimal> number = Optional.ofNullable(peCe).flatMap(OiTrader::decimal);
        json = number.isPresent() ? json.raw("pe_ce", peCe.strip()) : json.raw("pe_ce", "null");
        return json.string("direction", direction).toString();
    }

    private static Optional<BigDecimal> decimal(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** One trade's answer, assembled as it goes. */
    private final class Trade {
        final String uid;
        final OiIndex index;
        final ClaimedRequest request;
        final Map<String, String> signal;
        String status = Flags.STATUS_SUCCESS;
        String engineStatus = OiIndex.ENGINE_RUNNING;

        Trade(String uid, OiIndex index, ClaimedRequest request, Map<String, String> signal) {
            this.uid = uid;
            this.index = index;
            this.request = request;
            this.signal = signal;
        }

        /** The global signal's status: CONSUMED, or why it could not be traded. */
        void signalStatus(String value) {
            if (!signal.isEmpty()) {
                redis.hset(index.signalKey(), OiIndex.SIGNAL_STATUS, value);
            }
        }

        /** A failure of this user only: it marks the signal only while no other user has acted on it. */
        void signalStatusIfNew(String value) {
            if (OiIndex.SIGNAL_NEW.equals(redis.hget(index.signalKey(), OiIndex.SIGNAL_STATUS))) {
                signalStatus(value);
            }
        }

        Map<String, String> failed(String message, Optional<String> payload, String outcome) {
            return failed(message, payload, outcome, List.of());
        }

        Map<String, String> failed(String message, Optional<String> payload, String outcome, List<OrderResult> orders) {
            status = Flags.STATUS_FAILED;
            return answer(message, orders, payload, outcome);
        }

        Map<String, String> answer(String message, List<OrderResult> orders, Optional<String> payload, String outcome) {
            RequestType type = request.type();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(type.statusField().orElseThrow(), status);
            fields.put(type.messageField().orElseThrow(), message);
            Outcome overall = switch (status) {
                case Flags.STATUS_SUCCESS, OiIndex.STATUS_IGNORED -> Outcome.DONE;
                case Flags.STATUS_UNKNOWN -> Outcome.UNKNOWN;
                default -> orders.isEmpty() ? Outcome.DENIED : Outcome.REJECTED;
            };
            fields.put(
                    type.resultField().orElseThrow(),
                    Answers.resultJson(request, new OrderAnswer(overall, message, orders), clock.instant()));
            fields.put(index.lastSignalField(), signalJson());
            payload.ifPresent(json -> fields.put(index.lastOrderField(), json));
            fields.put(index.engineStatusField(), engineStatus);
            fields.put(type.flagField(), Flags.FETCHED);
            metrics.oiSignal(index.name(), outcome);
            log.info("[{}] OI {} {}: {} — {}", uid, index, request.id(), status, message);
            return fields;
        }

        /** The signal hash as the UI's engine wrote it to LAST_SIGNAL: every value a string; {} when there is none. */
        String signalJson() {
            PythonJson.ObjectWriter json = PythonJson.object();
            signal.forEach(json::string);
            return json.toString();
        }
    }
}
