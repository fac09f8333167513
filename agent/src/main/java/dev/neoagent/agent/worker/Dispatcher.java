package dev.neoagent.agent.worker;

import dev.neoagent.agent.answer.Answers;
import dev.neoagent.agent.answer.Answers.OrderAnswer;
import dev.neoagent.agent.audit.AuditLog;
import dev.neoagent.agent.command.ClaimedRequest;
import dev.neoagent.agent.command.Command;
import dev.neoagent.agent.command.CommandParser;
import dev.neoagent.agent.command.InvalidRequestException;
import dev.neoagent.agent.oi.OiTrader;
import dev.neoagent.agent.order.InFlightRecord;
import dev.neoagent.agent.order.InstrumentMaster;
import dev.neoagent.agent.order.InstrumentResolver;
import dev.neoagent.agent.order.OrderManager;
import dev.neoagent.agent.order.OrderPlanner;
import dev.neoagent.agent.order.OrderResult;
import dev.neoagent.agent.order.Outcome;
import dev.neoagent.agent.order.PlannedOrder;
import dev.neoagent.agent.redis.RequestStore;
import dev.neoagent.agent.report.ReportFiles;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.contract.RequestType;
import dev.neoagent.domain.Limits;
import dev.neoagent.domain.Quote;
import dev.neoagent.domain.QuoteKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one claimed request: parse, check, act, and build the answer fields. Never throws for a
 * user's bad data or a broker failure: every path ends in an answer.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final RequestStore store;
    private final CommandParser parser = new CommandParser();
    private final InstrumentMaster instruments;
    private final ReportFiles reports;
    private final AuditLog audit;
    private final Clock clock;
    private final String agentId;
    private final OiTrader oiTrader;

    public Dispatcher(
            RequestStore store,
            InstrumentMaster instruments,
            ReportFiles reports,
            AuditLog audit,
            Clock clock,
            String agentId,
            OiTrader oiTrader) {
        this.agentId = agentId;
        this.oiTrader = oiTrader;
        this.store = store;
        this.instruments = instruments;
        this.reports = reports;
        this.audit = audit;
        this.clock = clock;
    }

    /** The answer fields for a claimed request. */
    public Map<String, String> serve(UserContext user, ClaimedRequest request) {
        try {
            // every lookup of this request reads the load its claim saw
            InstrumentResolver resolver = instruments.at(request.instrumentsLoadedAt());
            OrderPlanner planner = new OrderPlanner(resolver, clock);
            Command command = parser.parse(request);
            // getting out (cancels, square-offs, EXIT_ALL) always works; a modify is checked by what it changes
            // (an OI trade answers a halt in its own fields, with the signal it could not trade)
            if (request.type().opensPositions()
                    && !(command instanceof Command.OiCrossover)
                    && request.haltReason().isPresent()) {
                throw new InvalidRequestException(request.haltReason().get());
            }
            return switch (command) {
                case Command.Login login -> login(user, login.family());
                case Command.CheckSession check -> checkSession(user);
                case Command.PlaceOptions place ->
                    placeOrders(user, request, () -> planner.planOptions(place.legs(), user.risk(), lastPrices(user)));
                case Command.PlaceEquity place ->
                    placeOrders(user, request, () -> planner.planEquity(place.order(), user.risk(), lastPrices(user)));
                case Command.SquareOff squareOff ->
                    placeOrders(
                            user,
                            request,
                            () -> planner.planSquareOff(
                                    squareOff.items(), user.broker().positions()));
                case Command.SquareOffAll all ->
                    placeOrders(
                            user,
                            request,
                            () -> planner.planSquareOffAll(user.broker().positions()));
                case Command.FetchReport report -> report(user, report.report(), resolver);
                case Command.ModifyOrder modify ->
                    managed(
                            request,
                            List.of(user.manager()
                                    .modify(
                                            request.id().value(),
                                            modify,
                                            resolver,
                                            request.haltReason(),
                                            OrderPlanner::stopMarketLimit)),
                            "");
                case Command.CancelOrders cancel ->
                    managed(
                            request,
                            user.manager().cancel(request.id().value(), cancel.target()),
                            noneToCancel(cancel));
                case Command.ExitAll exit -> exitAll(user, request, planner);
                case Command.OiCrossover oi ->
                    oiTrader.trade(
                            user.uid(),
                            user.risk(),
                            request,
                            oi,
                            resolver,
                            planner,
                            orders -> send(user, request, orders));
            };
        } catch (InvalidRequestException e) {
            log.info("[{}] {} {} denied: {}", user.uid(), request.type(), request.id(), e.getMessage());
            return Answers.denied(request, e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            // A bug or an unexpected infrastructure failure must cost one answer, never the worker.
            log.error("[{}] {} {} failed unexpectedly", user.uid(), request.type(), request.id(), e);
            return Answers.denied(
                    request,
                    "internal error (" + e.getClass().getSimpleName() + "); see the agent log",
                    clock.instant());
        }
    }

    // ---- login and session ----

    private Map<String, String> login(UserContext user, RequestType family) {
        try {
            user.broker().login();
            return Answers.forLogin(family, true, "Authentication complete, ready for trading");
        } catch (BrokerException e) {
            return Answers.forLogin(family, false, "Login failed: " + e.getMessage());
        }
    }

    private Map<String, String> checkSession(UserContext user) {
        try {
            Limits limits = user.broker().limits();
            return Answers.forSession(
                    true,
                    "Kotak Neo session is ACTIVE (funds available "
                            + limits.available().toPlainString() + ")");
        } catch (BrokerException e) {
            return Answers.forSession(false, e.getMessage());
        }
    }

    // ---- orders ----

    private interface Plan {
        List<PlannedOrder> orders();
    }

    private Map<String, String> placeOrders(UserContext user, ClaimedRequest request, Plan plan) {
        List<PlannedOrder> orders;
        try {
            orders = plan.orders();
        } catch (BrokerException e) {
            // square-off reads the position book first; failing that, nothing was sent
            return Answers.forOrders(
                    request,
                    new OrderAnswer(Outcome.REJECTED, "could not read the position book: " + e.getMessage(), List.of()),
                    clock.instant());
        }
        if (orders.isEmpty()) {
            return Answers.forOrders(
                    request, new OrderAnswer(Outcome.DONE, "No open positions", List.of()), clock.instant());
        }
        List<OrderResult> results = send(user, request, orders);
        return Answers.forOrders(request, Answers.summarise(request.type(), results), clock.instant());
    }

    /** Sends planned orders within the user's order rate, each at most once, with the request's in-flight record. */
    private List<OrderResult> send(UserContext user, ClaimedRequest request, List<PlannedOrder> orders) {
        if (!user.riskGuard().tryReserve(orders.size(), user.risk().maxOrdersPerMinute())) {
            throw new InvalidRequestException("this request needs " + orders.size() + " order(s) but "
                    + user.riskGuard().sentInLastMinute() + " were sent in the last minute; the limit is "
                    + user.risk().maxOrdersPerMinute() + " per minute (max_orders_per_minute)");
        }
        InFlightRecord record = InFlightRecord.of(request, agentId);
        return user.executor()
                .execute(
                        request.id(),
                        orders,
                        record,
                        r -> store.saveInFlightDetail(user.uid(), request.id(), r.toJson()));
    }

    /**
     * A contract's last price from the broker's quotes, for the stop-loss checks: asked only for SL and SL-M orders.
     * A quote that cannot be had leaves the check out (the contract says "when a last price is known").
     */
    private static OrderPlanner.LastPrices lastPrices(UserContext user) {
        return contract -> {
            try {
                return user
                        .broker()
                        .quotes(List.of(new QuoteKey.Instrument(contract.segment(), contract.token())))
                        .stream()
                        .map(Quote::lastPrice)
                        .filter(price -> price.signum() > 0)
                        .findFirst();
            } catch (BrokerException e) {
                log.info(
                        "[{}] no last price for {} ({}); the stop is not checked against it",
                        user.uid(),
                        contract.tradingSymbol(),
                        e.getMessage());
                return Optional.empty();
            }
        };
    }

    // ---- modify, cancel, exit ----

    private Map<String, String> managed(ClaimedRequest request, List<OrderResult> results, String whenNone) {
        return Answers.forOrders(request, Answers.summariseManaged(request.type(), results, whenNone), clock.instant());
    }

    private static String noneToCancel(Command.CancelOrders cancel) {
        return switch (cancel.target()) {
            case Command.CancelOrders.Request request -> "No open orders of request " + request.commandId();
            case Command.CancelOrders.Order one -> "Nothing to cancel";
            case Command.CancelOrders.All all -> "No open orders";
        };
    }

    /**
     * EXIT_ALL: cancel every open order, wait until they are gone (bounded), then square off every open position
     * through the square-off path (closing orders only, hedge by fill); one answer with every step.
     */
    private Map<String, String> exitAll(UserContext user, ClaimedRequest request, OrderPlanner planner) {
        OrderManager.ExitCancels cancels =
                user.manager().cancelAllAndWait(request.id().value());
        List<OrderResult> steps = new ArrayList<>(cancels.cancels());
        List<PlannedOrder> closing;
        try {
            closing = planner.planSquareOffAll(user.broker().positions());
        } catch (BrokerException e) {
            return Answers.forOrders(
                    request,
                    Answers.summariseExit(
                            steps,
                            cancels.stillOpen(),
                            Optional.of("could not read the position book: " + e.getMessage()
                                    + "; no position was squared off")),
                    clock.instant());
        }
        if (!closing.isEmpty()) {
            for (OrderResult placed : send(user, request, closing)) {
                steps.add(placed.withLeg(steps.size()));
            }
        }
        return Answers.forOrders(
                request, Answers.summariseExit(steps, cancels.stillOpen(), Optional.empty()), clock.instant());
    }

    // ---- reports ----

    private Map<String, String> report(UserContext user, RequestType report, InstrumentResolver instruments) {
        try {
            switch (report) {
                case BALANCE -> reports.writeBalance(user.uid(), user.broker().limits());
                case POSITION ->
                    reports.writePositions(user.uid(), user.broker().positions(), instruments);
                case ORDERBOOK ->
                    reports.writeOrderBook(user.uid(), user.broker().orderBook(), instruments);
                case TRADEBOOK ->
                    reports.writeTradeBook(user.uid(), user.broker().tradeBook(), instruments);
                case HOLDINGS -> reports.writeHoldings(user.uid(), user.broker().holdings());
                default -> throw new IllegalArgumentException(report + " is not a report");
            }
            return Answers.forReport(report, true, "", clock.instant());
        } catch (BrokerException e) {
            return Answers.forReport(report, false, e.getMessage(), clock.instant());
        } catch (java.io.UncheckedIOException e) {
            return Answers.forReport(
                    report, false, "could not write the report file: " + e.getMessage(), clock.instant());
        }
    }
}
