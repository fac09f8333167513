package dev.neoagent.broker.kotak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.Holding;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.Limits;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Position;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Quote;
import dev.neoagent.domain.QuoteKey;
import dev.neoagent.domain.ScripMasterFiles;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Trade;
import dev.neoagent.domain.TradingSymbol;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kotak JSON → domain records. Kotak mixes types freely (the same quantity is an int in one book and
 * a string in another, money is a string, {@code ""}, {@code "--"} and {@code "NA"} mean "none"), so
 * every field is read through the tolerant helpers at the bottom, once, here. Unknown enum codes
 * fail loudly instead of being guessed.
 */
final class KotakMapper {
    private static final DateTimeFormatter ORDER_TIME =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter FILL_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH);

    private KotakMapper() {}

    // ---- orders ----

    static BrokerOrderId orderNumber(JsonNode answer, String what) {
        return text(answer, "nOrdNo")
                .map(BrokerOrderId::new)
                .orElseThrow(() -> new BrokerException.OutcomeUnknown(
                        what + " was accepted without an order number; check the order book", null));
    }

    /**
     * A refusal of a modify or cancel, reworded when it is about the order's state: Kotak's 1021 (order complete) and
     * 1006 (cancelled, rejected or not found) keep their code and Kotak's text, with the code appended
     * ({@link KotakCodes#orderStateRefusal}); any other refusal is returned as it is.
     */
    static BrokerException.Rejected orderChangeRefused(BrokerException.Rejected refusal) {
        Integer code = refusal.code().orElse(null);
        if (code == null || code != KotakCodes.ORDER_COMPLETE && code != KotakCodes.ORDER_NOT_CHANGEABLE) {
            return refusal;
        }
        return new BrokerException.Rejected(code, KotakCodes.orderStateRefusal(code, refusal.brokerMessage()));
    }

    static List<Order> orders(JsonNode answer) {
        List<Order> orders = new ArrayList<>();
        for (JsonNode row : dataRows(answer)) {
            orders.add(guard("order", () -> order(row)));
        }
        return orders;
    }

    static Order order(JsonNode row) {
        String statusText = text(row, "ordSt").or(() -> text(row, "stat")).orElse("");
        return new Order(
                new BrokerOrderId(required(row, "nOrdNo")),
                tag(row),
                new TradingSymbol(required(row, "trdSym")),
                segment(required(row, "exSeg")),
                token(row, "tok"),
                side(required(row, "trnsTp")),
                product(required(row, "prod")),
                orderType(required(row, "prcTp")),
                integer(row, "qty"),
                integer(row, "fldQty"),
                integer(row, "unFldSz"),
                integer(row, "cnlQty"),
                money(row, "prc"),
                money(row, "avgPrc"),
                money(row, "trgPrc"),
                KotakCodes.orderStatus(statusText),
                statusText,
                text(row, "rejRsn"),
                text(row, "ordDtTm").or(() -> text(row, "flDtTm")).flatMap(KotakMapper::orderTime));
    }

    static List<Trade> trades(JsonNode answer) {
        List<Trade> trades = new ArrayList<>();
        for (JsonNode row : dataRows(answer)) {
            trades.add(guard(
                    "trade",
                    () -> new Trade(
                            new BrokerOrderId(required(row, "nOrdNo")),
                            text(row, "flId").orElse(""),
                            tag(row),
                            new TradingSymbol(required(row, "trdSym")),
                            segment(required(row, "exSeg")),
                            side(required(row, "trnsTp")),
                            product(required(row, "prod")),
                            integer(row, "fldQty"),
                            money(row, "avgPrc"),
                            fillTime(row))));
        }
        return trades;
    }

    static List<Position> positions(JsonNode answer) {
        List<Position> positions = new ArrayList<>();
        for (JsonNode row : dataRows(answer)) {
            positions.add(guard(
                    "position",
                    () -> new Position(
                            new TradingSymbol(required(row, "trdSym")),
                            segment(required(row, "exSeg")),
                            token(row, "tok"),
                            product(required(row, "prod")),
                            integer(row, "flBuyQty") + integer(row, "cfBuyQty"),
                            integer(row, "flSellQty") + integer(row, "cfSellQty"),
                            money(row, "buyAmt").add(money(row, "cfBuyAmt")),
                            money(row, "sellAmt").add(money(row, "cfSellAmt")),
                            Math.max(1, integer(row, "lotSz")))));
        }
        return positions;
    }

    static List<Holding> holdings(JsonNode answer) {
        List<Holding> holdings = new ArrayList<>();
        for (JsonNode row : dataRows(answer)) {
            holdings.add(guard(
                    "holding",
                    () -> new Holding(
                            text(row, "displaySymbol")
                                    .or(() -> text(row, "symbol"))
                                    .orElseThrow(() -> missing("displaySymbol")),
                            segment(required(row, "exchangeSegment")),
                            token(row, "exchangeIdentifier"),
                            integer(row, "quantity"),
                            integer(row, "sellableQuantity"),
                            money(row, "averagePrice"),
                            money(row, "closingPrice"),
                            money(row, "mktValue"))));
        }
        return holdings;
    }

    /** Limits come as one flat object (no {@code data}), every amount a string. */
    static Limits limits(JsonNode answer) {
        return guard(
                "limits",
                () -> new Limits(
                        money(answer, "Net"),
                        money(answer, "MarginUsed"),
                        money(answer, "CollateralValue"),
                        money(answer, "RmsPayInAmt"),
                        money(answer, "RmsPayOutAmt")));
    }

    /** Quotes come as an array; results are matched back by segment and token/name, not by position. */
    static List<Quote> quotes(JsonNode answer, List<QuoteKey> keys) {
        if (!answer.isArray()) {
            throw new BrokerException.UnexpectedResponse("quotes answer is not a list", null);
        }
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode row : answer) {
            text(row, "exchange")
                    .ifPresent(exchange ->
                            text(row, "exchange_token").ifPresent(token -> byKey.put(exchange + "|" + token, row)));
        }
        List<Quote> quotes = new ArrayList<>();
        for (QuoteKey key : keys) {
            JsonNode row = byKey.get(KotakCodes.quoteKey(key));
            if (row == null) {
                throw new BrokerException.UnexpectedResponse("no quote returned for " + KotakCodes.quoteKey(key), null);
            }
            quotes.add(guard(
                    "quote",
                    () -> new Quote(
                            key,
                            money(row, "ltp"),
                            Optional.ofNullable(row.get("ohlc"))
                                    .flatMap(ohlc -> text(ohlc, "close"))
                                    .map(KotakMapper::decimal),
                            text(row, "lstup_time").map(seconds -> Instant.ofEpochSecond(Long.parseLong(seconds))))));
        }
        return quotes;
    }

    static ScripMasterFiles scripMasterFiles(JsonNode answer) {
        JsonNode paths = answer.path("data").path("filesPaths");
        if (!paths.isArray()) {
            throw new BrokerException.UnexpectedResponse("scrip-master answer has no data.filesPaths list", null);
        }
        List<URI> files = new ArrayList<>();
        paths.forEach(path -> files.add(URI.create(path.asText())));
        return new ScripMasterFiles(files);
    }

    // ---- enum codes: exhaustive, fail on anything unknown ----

    static Segment segment(String code) {
        return KotakCodes.segment(code);
    }

    static Side side(String code) {
        return switch (code) {
            case "B" -> Side.BUY;
            case "S" -> Side.SELL;
            default -> throw new IllegalArgumentException("unknown transaction type '" + code + "'");
        };
    }

    static Product product(String code) {
        return switch (code) {
            case "NRML" -> Product.NRML;
            case "MIS" -> Product.MIS;
            case "CNC" -> Product.CNC;
            case "MTF" -> Product.MTF;
            case "CO" -> Product.CO;
            case "BO" -> Product.BO;
            default -> throw new IllegalArgumentException("unknown product '" + code + "'");
        };
    }

    static OrderType orderType(String code) {
        return switch (code) {
            case "MKT" -> OrderType.MARKET;
            case "L" -> OrderType.LIMIT;
            case "SL" -> OrderType.STOP_LIMIT;
            case "SL-M" -> OrderType.STOP_MARKET;
            default -> throw new IllegalArgumentException("unknown price type '" + code + "'");
        };
    }

    // ---- tolerant field readers ----

    /** The {@code data} list of a book; {@code null} or absent means an empty book. */
    private static Iterable<JsonNode> dataRows(JsonNode answer) {
        JsonNode data = answer.get("data");
        if (data == null || data.isNull()) {
            return List.of();
        }
        if (!data.isArray()) {
            throw new BrokerException.UnexpectedResponse("'data' is not a list", null);
        }
        return data;
    }

    /** Text of a field; {@code null}, blank, {@code --} and {@code NA} all mean absent. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return Optional.empty();
        }
        String text = value.asText().strip();
        if (text.isEmpty() || text.equals("--") || text.equals("NA")) {
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private static String required(JsonNode node, String field) {
        return text(node, field).orElseThrow(() -> missing(field));
    }

    private static IllegalArgumentException missing(String field) {
        return new IllegalArgumentException("field '" + field + "' is missing");
    }

    /** An int whether Kotak sent {@code 65}, {@code "65"} or {@code "65.0"}; absent is 0. */
    static int integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isIntegralNumber()) {
            return value.intValue();
        }
        return text(node, field).map(text -> decimal(text).intValueExact()).orElse(0);
    }

    /** Money as {@link BigDecimal}, from a string or a JSON number, never through a double. */
    static BigDecimal money(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isNumber()) {
            return value.decimalValue();
        }
        return text(node, field).map(KotakMapper::decimal).orElse(BigDecimal.ZERO);
    }

    static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
    }

    private static Optional<InstrumentToken> token(JsonNode node, String field) {
        return text(node, field)
                .filter(t -> t.chars().allMatch(Character::isDigit))
                .map(InstrumentToken::new);
    }

    /** Our tag as echoed in {@code GuiOrdId}; a tag some other tool set in a foreign format is ignored. */
    private static Optional<OrderTag> tag(JsonNode node) {
        return text(node, "GuiOrdId").flatMap(text -> {
            try {
                return Optional.of(new OrderTag(text));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<LocalDateTime> orderTime(String text) {
        try {
            // History rows write "22-Jan-2025 14: 32: 53" with stray spaces.
            return Optional.of(LocalDateTime.parse(text.replace(": ", ":"), ORDER_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDateTime> fillTime(JsonNode row) {
        try {
            Optional<String> date = text(row, "flDt");
            Optional<String> time = text(row, "flTm");
            if (date.isEmpty() || time.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(LocalDate.parse(date.get(), FILL_DATE).atTime(LocalTime.parse(time.get())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Runs one row's mapping; a malformed row becomes an {@link BrokerException.UnexpectedResponse}. */
    private static <T> T guard(String what, java.util.function.Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            throw new BrokerException.UnexpectedResponse(
                    "unreadable " + what + " from the broker: " + e.getMessage(), e);
        }
    }
}
