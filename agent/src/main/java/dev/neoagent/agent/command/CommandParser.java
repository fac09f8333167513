package dev.neoagent.agent.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.neoagent.contract.LevelSide;
import dev.neoagent.contract.OiIndex;
import dev.neoagent.contract.RequestType;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Side;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a claimed request's payload into a {@link Command}, or throws an
 * {@link InvalidRequestException} naming the field and the problem. Accepts what the existing UI
 * writes (Python {@code json.dumps}, ints for Qty and Strike, floats for prices) and what a person
 * types in redis-cli (compact JSON, numbers as text). Unknown extra keys are ignored.
 */
public final class CommandParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public Command parse(ClaimedRequest request) {
        return switch (request.type()) {
            case NEO_LOGIN, LOGIN -> new Command.Login(request.type());
            case CHECK_SESSION -> new Command.CheckSession();
            case PLACE_SINGLE ->
                new Command.PlaceOptions(legs(request, payloadOf(RequestType.PLACE_SINGLE), true), true);
            case PLACE_MULTI ->
                new Command.PlaceOptions(legs(request, payloadOf(RequestType.PLACE_MULTI), false), false);
            case PLACE_EQUITY -> new Command.PlaceEquity(equity(request));
            case SQUAREOFF -> new Command.SquareOff(squareOff(request));
            case SQUAREOFF_ALL -> new Command.SquareOffAll();
            case BALANCE, POSITION, ORDERBOOK, TRADEBOOK, HOLDINGS -> new Command.FetchReport(request.type());
            case MODIFY_ORDER -> modify(request);
            case CANCEL_ORDER -> cancel(request);
            case EXIT_ALL -> new Command.ExitAll();
            case OI_CROSSOVER -> oiCrossover(request, OiIndex.NIFTY);
            case BN_OI_CROSSOVER -> oiCrossover(request, OiIndex.BANKNIFTY);
            case LEVEL_CE, LEVEL_PE -> new Command.PlaceOptions(legs(request, payloadOf(request.type()), false), false);
        };
    }

    /**
     * The legs of a level order as the UI armed them ({@code LEVEL_<side>}, a JSON list as for PLACE_MULTI), for
     * checking an arming before anything fires.
     *
     * @throws InvalidRequestException naming the field and the problem
     */
    public List<OptionLeg> levelLegs(LevelSide side, String legsJson) {
        return legs(Optional.ofNullable(legsJson), side.legsField(), false);
    }

    // ---- option legs ----

    private List<OptionLeg> legs(ClaimedRequest request, String field, boolean single) {
        return legs(request.payload(), field, single);
    }

    private List<OptionLeg> legs(Optional<String> payload, String field, boolean single) {
        JsonNode list = json(payload, field);
        if (!list.isArray()) {
            throw invalid(field + " must be a JSON list of legs");
        }
        if (list.isEmpty()) {
            throw invalid(field + " is an empty list: nothing to place");
        }
        if (single && list.size() != 1) {
            throw invalid(field + " must hold exactly one leg, found " + list.size());
        }
        List<OptionLeg> legs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            legs.add(leg(list.get(i), i));
        }
        return legs;
    }

    private static OptionLeg leg(JsonNode node, int index) {
        String where = "leg " + index + ": ";
        if (!node.isObject()) {
            throw invalid(where + "must be a JSON object");
        }
        OrderType execution = orderType(node, "ExecutionType", where);
        Optional<BigDecimal> limitPrice = limitPrice(node, execution, "LimitPrice", where);
        Optional<BigDecimal> triggerPrice = triggerPrice(node, execution, "TriggerPrice", where);
        checkStopSide(execution, limitPrice, triggerPrice, node, "Side", "LimitPrice", "TriggerPrice", where);
        BigDecimal strike =
                optionalDecimal(node, "Strike", where).orElseThrow(() -> invalid(where + "Strike is missing"));
        if (strike.signum() <= 0) {
            throw invalid(where + "Strike must be greater than 0, got " + strike.toPlainString());
        }
        return new OptionLeg(
                index,
                requiredText(node, "Index", where).toUpperCase(Locale.ROOT),
                product(
                        optionalText(node, "OrderType").orElse("NRML"),
                        where + "OrderType",
                        List.of(Product.NRML, Product.MIS)),
                quantity(node, "Qty", where),
                side(requiredText(node, "Side", where), where + "Side"),
                date(requiredText(node, "Expiry", where), where + "Expiry"),
                strike,
                optionType(requiredText(node, "OptionType", where), where),
                execution,
                limitPrice,
                triggerPrice,
                optionalToken(node, "exchangeInstrumentID", where),
                optionalText(node, "tradingSymbol"));
    }

    // ---- equity ----

    private EquityOrder equity(ClaimedRequest request) {
        String field = payloadOf(RequestType.PLACE_EQUITY);
        JsonNode node = json(request, field);
        String where = field + ": ";
        if (!node.isObject()) {
            throw invalid(field + " must be a JSON object");
        }
        OrderType type = orderType(node, "order_type", where);
        Optional<BigDecimal> price = limitPrice(node, type, "price", where);
        Optional<BigDecimal> trigger = triggerPrice(node, type, "trigger_price", where);
        checkStopSide(type, price, trigger, node, "side", "price", "trigger_price", where);
        return new EquityOrder(
                requiredText(node, "symbol", where).toUpperCase(Locale.ROOT),
                optionalToken(node, "exchangeInstrumentID", where),
                side(requiredText(node, "side", where), where + "side"),
                quantity(node, "qty", where),
                product(requiredText(node, "product", where), where + "product", List.of(Product.CNC, Product.MIS)),
                type,
                price,
                trigger);
    }

    // ---- square-off ----

    private List<SquareOffItem> squareOff(ClaimedRequest request) {
        String field = payloadOf(RequestType.SQUAREOFF);
        JsonNode list = json(request, field);
        if (!list.isArray()) {
            throw invalid(field + " must be a JSON list of positions");
        }
        if (list.isEmpty()) {
            throw invalid(field + " is an empty list: nothing to square off");
        }
        List<SquareOffItem> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String where = "position " + i + ": ";
            if (!node.isObject()) {
                throw invalid(where + "must be a JSON object");
            }
            items.add(new SquareOffItem(
                    i,
                    optionalToken(node, "exchangeInstrumentID", where)
                            .orElseThrow(() -> invalid(where + "exchangeInstrumentID is missing")),
                    quantity(node, "Quantity", where),
                    side(requiredText(node, "Side", where), where + "Side"),
                    optionalText(node, "TradingSymbol")));
        }
        return items;
    }

    // ---- OI crossover ----

    /** The payload an OI engine claim hands back: the signal hash as it was read. */
    public static final String OI_SIGNAL_SOURCE = "signal";

    /**
     * Either the agent's own claim of a signal ({@code {"source": "signal", "signal": {...}}}), or the external order
     * engine's payload (ui-contract.md §6.2): its direction from {@code direction}, else from Side and OptionType
     * (SELL PE is BULLISH, SELL CE BEARISH).
     */
    private Command.OiCrossover oiCrossover(ClaimedRequest request, OiIndex index) {
        String field = payloadOf(request.type());
        JsonNode node = json(request, field);
        String where = field + ": ";
        if (!node.isObject()) {
            throw invalid(field + " must be a JSON object");
        }
        if (OI_SIGNAL_SOURCE.equals(node.path("source").asText())) {
            java.util.Map<String, String> signal = new java.util.LinkedHashMap<>();
            node.path(OI_SIGNAL_SOURCE)
                    .properties()
                    .forEach(e -> signal.put(e.getKey(), e.getValue().asText()));
            String direction = signal.getOrDefault(OiIndex.SIGNAL_SIGNAL, "").toUpperCase(Locale.ROOT);
            return new Command.OiCrossover(index, direction, Optional.of(signal), Optional.empty());
        }
        optionalText(node, "Index").ifPresent(named -> {
            if (!named.equalsIgnoreCase(index.underlying())) {
                throw invalid(where + "Index must be " + index.underlying() + " for "
                        + request.type().flagField() + ", got '" + named + "'");
            }
        });
        String direction = optionalText(node, "direction")
                .map(d -> d.toUpperCase(Locale.ROOT))
                .orElseGet(() -> {
                    String side = requiredText(node, "Side", where).toUpperCase(Locale.ROOT);
                    String option = optionType(requiredText(node, "OptionType", where), where);
                    if (!side.equals("SELL")) {
                        throw invalid(
                                where + "Side must be SELL (the OI crossover sells an option), got '" + side + "'");
                    }
                    return option.equals("PE") ? OiIndex.BULLISH : OiIndex.BEARISH;
                });
        if (!direction.equals(OiIndex.BULLISH) && !direction.equals(OiIndex.BEARISH)) {
            throw invalid(where + "direction must be BULLISH or BEARISH, got '" + direction + "'");
        }
        return new Command.OiCrossover(index, direction, Optional.empty(), Optional.of(node.toString()));
    }

    // ---- modify, cancel ----

    private Command.ModifyOrder modify(ClaimedRequest request) {
        String field = payloadOf(RequestType.MODIFY_ORDER);
        JsonNode node = json(request, field);
        String where = field + ": ";
        if (!node.isObject()) {
            throw invalid(field + " must be a JSON object");
        }
        String orderNo = orderNumber(node, "order_no", where);
        Optional<BigDecimal> price = positiveIfPresent(node, "price", where);
        Optional<Integer> qty = node.hasNonNull("qty") ? Optional.of(quantity(node, "qty", where)) : Optional.empty();
        Optional<BigDecimal> trigger = positiveIfPresent(node, "trigger_price", where);
        Optional<OrderType> type = optionalText(node, "order_type")
                .map(text -> executionType(text)
                        .orElseThrow(() ->
                                invalid(where + "order_type must be MARKET, LIMIT, SL or SL-M, got '" + text + "'")));
        if (price.isEmpty() && qty.isEmpty() && trigger.isEmpty() && type.isEmpty()) {
            throw invalid(where + "nothing to change: give price, qty, trigger_price or order_type with order_no");
        }
        return new Command.ModifyOrder(orderNo, price, qty, trigger, type);
    }

    private Command.CancelOrders cancel(ClaimedRequest request) {
        String field = payloadOf(RequestType.CANCEL_ORDER);
        JsonNode node = json(request, field);
        String where = field + ": ";
        if (!node.isObject()) {
            throw invalid(field + " must be a JSON object");
        }
        List<Command.CancelOrders.Target> targets = new ArrayList<>();
        if (node.hasNonNull("order_no")) {
            targets.add(new Command.CancelOrders.Order(orderNumber(node, "order_no", where)));
        }
        if (node.hasNonNull("request")) {
            String id = requiredText(node, "request", where);
            if (!CommandId.isValid(id)) {
                throw invalid(where + "request must be a command id as RESULT_* shows it (C + 5 to 23 letters or "
                        + "digits), got '" + id + "'");
            }
            targets.add(new Command.CancelOrders.Request(id));
        }
        if (node.has("all")) {
            if (!node.get("all").isBoolean() || !node.get("all").asBoolean()) {
                throw invalid(where + "all must be true to cancel every open order, got " + node.get("all"));
            }
            targets.add(new Command.CancelOrders.All());
        }
        if (targets.size() != 1) {
            throw invalid(where + "give exactly one of order_no, request or \"all\": true; got " + targets.size());
        }
        return new Command.CancelOrders(targets.get(0));
    }

    private static Optional<BigDecimal> positiveIfPresent(JsonNode node, String field, String where) {
        Optional<BigDecimal> value = optionalDecimal(node, field, where);
        if (value.isPresent() && value.get().signum() <= 0) {
            throw invalid(where + field + " must be greater than 0, got "
                    + value.get().toPlainString());
        }
        return value;
    }

    /** A broker order number: letters, digits and dashes, as Kotak's {@code nOrdNo} (e.g. 260120000000001). */
    private static String orderNumber(JsonNode node, String field, String where) {
        String text = requiredText(node, field, where);
        if (!text.matches("[A-Za-z0-9-]{1,40}")) {
            throw invalid(where + field + " must be a broker order number (letters, digits), got '" + text + "'");
        }
        return text;
    }

    // ---- field readers ----

    /** MARKET (the default when absent), LIMIT, SL (stop-loss limit) or SL-M (stop-loss market). */
    private static OrderType orderType(JsonNode node, String field, String where) {
        String text = optionalText(node, field).orElse("MARKET").toUpperCase(Locale.ROOT);
        return executionType(text)
                .orElseThrow(() -> invalid(where + field + " must be MARKET, LIMIT, SL or SL-M, got '" + text + "'"));
    }

    /** The contract's spelling of an order type ({@code MARKET}, {@code LIMIT}, {@code SL}, {@code SL-M}). */
    public static Optional<OrderType> executionType(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "MARKET" -> Optional.of(OrderType.MARKET);
            case "LIMIT" -> Optional.of(OrderType.LIMIT);
            case "SL" -> Optional.of(OrderType.STOP_LIMIT);
            case "SL-M" -> Optional.of(OrderType.STOP_MARKET);
            default -> Optional.empty();
        };
    }

    /** How the contract names an order type in messages. */
    public static String executionName(OrderType type) {
        return switch (type) {
            case MARKET -> "MARKET";
            case LIMIT -> "LIMIT";
            case STOP_LIMIT -> "SL";
            case STOP_MARKET -> "SL-M";
        };
    }

    /** The price LIMIT and SL orders require (positive); MARKET and SL-M ignore it. */
    private static Optional<BigDecimal> limitPrice(JsonNode node, OrderType type, String field, String where) {
        return requiredIf(type.needsPrice(), node, type, field, where);
    }

    /** The trigger SL and SL-M orders require (positive); the other types ignore it. */
    private static Optional<BigDecimal> triggerPrice(JsonNode node, OrderType type, String field, String where) {
        return requiredIf(type.needsTrigger(), node, type, field, where);
    }

    private static Optional<BigDecimal> requiredIf(
            boolean required, JsonNode node, OrderType type, String field, String where) {
        if (!required) {
            return Optional.empty();
        }
        BigDecimal price = optionalDecimal(node, field, where)
                .orElseThrow(() -> invalid(where + field + " is required for a " + executionName(type) + " order"));
        if (price.signum() <= 0) {
            throw invalid(where + field + " must be greater than 0, got " + price.toPlainString());
        }
        return Optional.of(price);
    }

    /**
     * An SL order's limit must be on the stop side of its trigger: a BUY stop at or above it, a SELL stop at or below
     * it (redis-contract.md §2.2). The side field is read again here only for the message; it was validated above.
     */
    private static void checkStopSide(
            OrderType type,
            Optional<BigDecimal> limit,
            Optional<BigDecimal> trigger,
            JsonNode node,
            String sideField,
            String limitField,
            String triggerField,
            String where) {
        if (type != OrderType.STOP_LIMIT) {
            return;
        }
        Side side = side(requiredText(node, sideField, where), where + sideField);
        int comparison = limit.orElseThrow().compareTo(trigger.orElseThrow());
        if (side == Side.BUY && comparison < 0) {
            throw invalid(where + limitField + " " + limit.get().toPlainString() + " is below " + triggerField + " "
                    + trigger.get().toPlainString() + ": a BUY stop-loss limit must be at or above its trigger");
        }
        if (side == Side.SELL && comparison > 0) {
            throw invalid(where + limitField + " " + limit.get().toPlainString() + " is above " + triggerField + " "
                    + trigger.get().toPlainString() + ": a SELL stop-loss limit must be at or below its trigger");
        }
    }

    private static String payloadOf(RequestType type) {
        return type.payloadField().orElseThrow();
    }

    private static JsonNode json(ClaimedRequest request, String field) {
        return json(request.payload(), field);
    }

    private static JsonNode json(Optional<String> payload, String field) {
        String text = payload.orElseThrow(() -> invalid(field + " is missing"));
        if (text.isBlank()) {
            throw invalid(field + " is empty");
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's location only; its message would echo the payload back.
            throw invalid(field + " is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
    }

    private static String requiredText(JsonNode node, String field, String where) {
        return optionalText(node, field).orElseThrow(() -> invalid(where + field + " is missing"));
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return Optional.empty();
        }
        String text = value.asText().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static Optional<BigDecimal> optionalDecimal(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(value.decimalValue());
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            throw invalid(where + field + " must be a number, got '" + text + "'");
        }
    }

    /** A positive whole number of units; {@code 65}, {@code 65.0} and {@code "65"} are all 65. */
    private static int quantity(JsonNode node, String field, String where) {
        BigDecimal value =
                optionalDecimal(node, field, where).orElseThrow(() -> invalid(where + field + " is missing"));
        BigDecimal whole = value.stripTrailingZeros();
        if (whole.scale() > 0) {
            throw invalid(where + field + " must be a whole number of units, got " + value.toPlainString());
        }
        if (value.signum() <= 0) {
            throw invalid(where + field + " must be greater than 0, got " + whole.toPlainString());
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw invalid(where + field + " is too large: " + whole.toPlainString());
        }
    }

    private static Optional<String> optionalToken(JsonNode node, String field, String where) {
        Optional<BigDecimal> value = optionalDecimal(node, field, where);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal token = value.get().stripTrailingZeros();
        if (token.scale() > 0 || token.signum() <= 0) {
            throw invalid(where + field + " must be a positive whole number, got "
                    + value.get().toPlainString());
        }
        return Optional.of(token.toBigInteger().toString());
    }

    private static Side side(String text, String what) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw invalid(what + " must be BUY or SELL, got '" + text + "'");
        };
    }

    private static Product product(String text, String what, List<Product> allowed) {
        for (Product product : allowed) {
            if (product.name().equalsIgnoreCase(text)) {
                return product;
            }
        }
        throw invalid(what + " must be "
                + String.join(" or ", allowed.stream().map(Enum::name).toList()) + ", got '" + text + "'");
    }

    private static String optionType(String text, String where) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (!upper.equals("CE") && !upper.equals("PE")) {
            throw invalid(where + "OptionType must be CE or PE, got '" + text + "'");
        }
        return upper;
    }

    private static LocalDate date(String text, String what) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(what + " must be a date YYYY-MM-DD, got '" + text + "'");
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message);
    }
}
