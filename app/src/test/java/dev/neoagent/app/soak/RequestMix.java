package dev.neoagent.app.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.app.soak.SoakMarket.Equity;
import dev.neoagent.app.soak.SoakMarket.Option;
import dev.neoagent.app.soak.UiRequest.Kind;
import dev.neoagent.contract.Flags;
import dev.neoagent.contract.RequestType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What one trader asks for next, in the proportions of a trading day: mostly option orders (market, single and
 * multi-leg), equity orders, a resting limit order now and then that a later modify or cancel works on, the reports
 * the UI's tabs ask for, and the odd session check, login or exit-all. Payloads are written as the UI writes them
 * (Python's {@code json.dumps}: {@code ", "} and {@code ": "}, ints as ints, floats with a decimal point).
 */
final class RequestMix {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Weights of the kinds, in percent. */
    private static final int[][] WEIGHTS = {
        {Kind.SINGLE_MARKET.ordinal(), 28},
        {Kind.SINGLE_LIMIT.ordinal(), 10},
        {Kind.MULTI.ordinal(), 14},
        {Kind.EQUITY.ordinal(), 10},
        {Kind.MODIFY.ordinal(), 6},
        {Kind.CANCEL.ordinal(), 6},
        {Kind.EXIT_ALL.ordinal(), 1},
        {Kind.ORDERBOOK.ordinal(), 7},
        {Kind.POSITION.ordinal(), 6},
        {Kind.BALANCE.ordinal(), 4},
        {Kind.TRADEBOOK.ordinal(), 3},
        {Kind.HOLDINGS.ordinal(), 1},
        {Kind.CHECK_SESSION.ordinal(), 2},
        {Kind.LOGIN.ordinal(), 2},
    };

    /** A limit order of this trader resting at the broker (placed far from the market), and the request that sent it. */
    record Resting(String orderNo, String commandId, Option option, BigDecimal price) {}

    private final SoakMarket market;
    private final Random random;
    final List<Resting> resting = new ArrayList<>();

    RequestMix(SoakMarket market, Random random) {
        this.market = market;
        this.random = random;
    }

    UiRequest next() {
        Kind kind = pick();
        if ((kind == Kind.MODIFY || kind == Kind.CANCEL) && resting.isEmpty()) {
            kind = Kind.SINGLE_LIMIT; // nothing to work on yet: place something to modify or cancel later
        }
        return switch (kind) {
            case SINGLE_MARKET ->
                UiRequest.order(kind, RequestType.PLACE_SINGLE, "[" + leg(option(), true, null) + "]");
            case SINGLE_LIMIT -> {
                Option option = option();
                yield UiRequest.order(
                        kind, RequestType.PLACE_SINGLE, "[" + leg(option, true, restingPrice(option)) + "]");
            }
            case MULTI -> UiRequest.order(kind, RequestType.PLACE_MULTI, multiLegs());
            case EQUITY -> UiRequest.order(kind, RequestType.PLACE_EQUITY, equity());
            case MODIFY -> UiRequest.order(kind, RequestType.MODIFY_ORDER, modify());
            case CANCEL -> UiRequest.order(kind, RequestType.CANCEL_ORDER, cancel());
            case EXIT_ALL -> UiRequest.order(kind, RequestType.EXIT_ALL, "");
            case ORDERBOOK -> UiRequest.report(kind, RequestType.ORDERBOOK);
            case POSITION -> UiRequest.report(kind, RequestType.POSITION);
            case BALANCE -> UiRequest.report(kind, RequestType.BALANCE);
            case TRADEBOOK -> UiRequest.report(kind, RequestType.TRADEBOOK);
            case HOLDINGS -> UiRequest.report(kind, RequestType.HOLDINGS);
            case CHECK_SESSION -> UiRequest.order(kind, RequestType.CHECK_SESSION, "");
            case LOGIN -> UiRequest.order(kind, RequestType.LOGIN, "");
        };
    }

    private Kind pick() {
        int roll = random.nextInt(100);
        for (int[] weight : WEIGHTS) {
            roll -= weight[1];
            if (roll < 0) {
                return Kind.values()[weight[0]];
            }
        }
        return Kind.SINGLE_MARKET;
    }

    private Option option() {
        return market.options.get(random.nextInt(market.options.size()));
    }

    /** Half the last price, on the tick grid: a BUY limit that rests until modified or cancelled. */
    private static BigDecimal restingPrice(Option option) {
        return option.ltp()
                .divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN)
                .divide(new BigDecimal("0.05"), 0, RoundingMode.DOWN)
                .multiply(new BigDecimal("0.05"));
    }

    /**
     * A leg in the UI's key order. {@code single}: with ExecutionType (and LimitPrice for a limit), as the single-leg
     * form writes it; multi-leg legs have neither.
     */
    private String leg(Option option, boolean single, BigDecimal limit) {
        boolean buy = limit != null || random.nextInt(10) < 7;
        return leg(option, buy ? "BUY" : "SELL", 1 + random.nextInt(3), single, limit);
    }

    private static String leg(Option option, String side, int lots, boolean single, BigDecimal limit) {
        StringBuilder leg = new StringBuilder()
                .append("{\"Index\": \"")
                .append(option.index())
                .append("\", \"OrderType\": \"NRML\", \"Qty\": ")
                .append(lots * option.lot())
                .append(", \"Side\": \"")
                .append(side)
                .append("\", \"Expiry\": \"")
                .append(SoakMarket.EXPIRY)
                .append("\", \"Strike\": ")
                .append(option.strike())
                .append(", \"OptionType\": \"")
                .append(option.optionType())
                .append('"');
        if (single) {
            leg.append(", \"ExecutionType\": \"")
                    .append(limit == null ? "MARKET" : "LIMIT")
                    .append('"');
            if (limit != null) {
                leg.append(", \"LimitPrice\": ").append(pythonFloat(limit));
            }
        }
        return leg.append(", \"exchangeInstrumentID\": ")
                .append(option.token())
                .append('}')
                .toString();
    }

    /** 2 to 4 legs, at least one BUY (the hedge) and one SELL, in the UI's column order. */
    private String multiLegs() {
        int count = 2 + random.nextInt(3);
        List<String> legs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String side = i == 0 ? "BUY" : i == 1 ? "SELL" : random.nextBoolean() ? "BUY" : "SELL";
            legs.add(leg(option(), side, 1 + random.nextInt(2), false, null));
        }
        java.util.Collections.shuffle(legs, random);
        return "[" + String.join(", ", legs) + "]";
    }

    private String equity() {
        Equity equity = market.equities.get(random.nextInt(market.equities.size()));
        return "{\"state\": \"requested\", \"symbol\": \"" + equity.symbol() + "\", \"exchangeInstrumentID\": "
                + equity.token() + ", \"side\": \"" + (random.nextInt(10) < 7 ? "BUY" : "SELL") + "\", \"qty\": "
                + (1 + random.nextInt(10)) + ", \"product\": \"" + (random.nextBoolean() ? "CNC" : "MIS")
                + "\", \"order_type\": \"MARKET\"}";
    }

    /** A new price for a resting order: still resting (three in four), or above the market so that it fills. */
    private String modify() {
        Resting order = resting.get(random.nextInt(resting.size()));
        BigDecimal price = random.nextInt(4) == 0
                ? order.option().ltp().add(new BigDecimal("5.00"))
                : order.price().add(new BigDecimal("0.05").multiply(BigDecimal.valueOf(1 + random.nextInt(20))));
        return "{\"order_no\": \"" + order.orderNo() + "\", \"price\": " + pythonFloat(price) + "}";
    }

    /** By order number, or now and then every open order of the request that placed it. */
    private String cancel() {
        Resting order = resting.get(random.nextInt(resting.size()));
        if (random.nextInt(5) == 0) {
            return "{\"request\": \"" + order.commandId() + "\"}";
        }
        return "{\"order_no\": \"" + order.orderNo() + "\"}";
    }

    /**
     * Keeps the trader's list of resting orders current: a limit order placed adds one; a modify that succeeded below
     * the market keeps it at its new price; any other modify, a cancel or an exit-all (whatever its answer) takes it
     * off, since it may have filled or gone.
     */
    void answered(UiRequest request, String status, String result) {
        switch (request.kind()) {
            case SINGLE_LIMIT -> {
                if (!Flags.STATUS_SUCCESS.equals(status) || result == null) {
                    return;
                }
                JsonNode node = parse(result);
                JsonNode order = node.path("orders").path(0);
                if (order.hasNonNull("order_no")) {
                    Option option = market.options.stream()
                            .filter(o ->
                                    o.tradingSymbol().equals(order.path("tsym").asText()))
                            .findFirst()
                            .orElseThrow();
                    BigDecimal price = new BigDecimal(
                            parse(request.payload()).path(0).path("LimitPrice").asText());
                    resting.add(new Resting(
                            order.get("order_no").asText(), node.path("id").asText(), option, price));
                }
            }
            case MODIFY -> {
                JsonNode payload = parse(request.payload());
                String orderNo = payload.path("order_no").asText();
                BigDecimal price = new BigDecimal(payload.path("price").asText());
                for (int i = 0; i < resting.size(); i++) {
                    Resting order = resting.get(i);
                    if (order.orderNo().equals(orderNo)) {
                        boolean stillResting = Flags.STATUS_SUCCESS.equals(status)
                                && price.compareTo(order.option().ltp()) < 0;
                        if (stillResting) {
                            resting.set(i, new Resting(orderNo, order.commandId(), order.option(), price));
                        } else {
                            resting.remove(i);
                        }
                        return;
                    }
                }
            }
            case CANCEL -> {
                JsonNode payload = parse(request.payload());
                String orderNo = payload.path("order_no").asText("");
                String commandId = payload.path("request").asText("");
                resting.removeIf(
                        r -> r.orderNo().equals(orderNo) || r.commandId().equals(commandId));
            }
            case EXIT_ALL -> resting.clear();
            default -> {}
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    /** Python's repr of a float: at least one decimal ({@code 50.0}, {@code 52.35}). */
    static String pythonFloat(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() < 1 ? plain.setScale(1).toPlainString() : plain.toPlainString();
    }
}
