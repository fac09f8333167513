package dev.neoagent.instruments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.Decimals;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.OptionType;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.json.PythonJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One contract of the instrument master, as {@code NEO_INSTR_META} holds it ({@code <seg>|<token>} → JSON): the
 * bootstrap writes it with {@link #toJson()}, the agent and the paper broker read it with {@link #parse}, so the
 * writer and the reader of the contract's layout sit side by side. Every order is resolved through this: the
 * trading symbol sent to Kotak, the lot size a quantity must be a multiple of, the tick grid of limit prices and
 * the freeze quantity above which an order is sliced.
 */
public record InstrumentMeta(
        InstrumentToken token,
        TradingSymbol tradingSymbol,
        Segment segment,
        String name,
        Optional<LocalDate> expiry,
        Optional<BigDecimal> strike,
        Optional<OptionType> optionType,
        int lotSize,
        BigDecimal tick,
        int freezeQuantity) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter XTS_DATE = DateTimeFormatter.ofPattern("ddMMMyyyy", Locale.ENGLISH);

    public InstrumentMeta {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tradingSymbol, "tradingSymbol");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tick, "tick");
        expiry = expiry == null ? Optional.empty() : expiry;
        strike = strike == null ? Optional.empty() : strike;
        optionType = optionType == null ? Optional.empty() : optionType;
        if (lotSize <= 0) {
            throw new IllegalArgumentException("lot size of " + tradingSymbol + " must be positive, was " + lotSize);
        }
        if (tick.signum() <= 0) {
            throw new IllegalArgumentException("tick of " + tradingSymbol + " must be positive, was " + tick);
        }
    }

    /**
     * Parses a {@code NEO_INSTR_META} value. A freeze quantity of 0 or absent means "none known":
     * it becomes {@link Integer#MAX_VALUE} so nothing is sliced on a guess.
     *
     * @throws IllegalArgumentException when the JSON is not a valid contract
     */
    public static InstrumentMeta parse(InstrumentToken token, String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("instrument " + token + ": metadata is not a JSON object");
            }
            int freeze = node.path("freeze").asInt(0);
            return new InstrumentMeta(
                    token,
                    new TradingSymbol(required(node, "tsym", token)),
                    InstrumentKeys.segment(required(node, "seg", token)),
                    required(node, "name", token),
                    text(node, "expiry").map(LocalDate::parse),
                    text(node, "strike").map(BigDecimal::new),
                    optionType(node, token),
                    node.path("lot").asInt(0),
                    new BigDecimal(required(node, "tick", token)),
                    freeze > 0 ? freeze : Integer.MAX_VALUE);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae
                    && iae.getMessage() != null
                    && iae.getMessage().startsWith("instrument ")) {
                throw iae;
            }
            throw new IllegalArgumentException(
                    "instrument " + token + ": unreadable metadata (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The {@code NEO_INSTR_META} value in Python's {@code json.dumps} layout, keys in the contract's order (tsym,
     * seg, name, expiry, strike, opt, lot, tick, freeze); strike and tick as strings, lot and freeze as numbers, a
     * cash scrip without expiry, strike and opt; a freeze quantity not known is written 0.
     */
    public String toJson() {
        PythonJson.ObjectWriter json = PythonJson.object()
                .string("tsym", tradingSymbol.value())
                .string("seg", InstrumentKeys.segmentCode(segment))
                .string("name", name);
        if (isOption()) {
            expiry.ifPresent(date -> json.string("expiry", date.toString()));
            strike.ifPresent(value -> json.string("strike", InstrumentKeys.strikeText(value)));
            json.string("opt", optionType.get().name());
        }
        return json.number("lot", lotSize)
                .string("tick", tick.toPlainString())
                .number("freeze", freezeQuantity == Integer.MAX_VALUE ? 0 : freezeQuantity)
                .toString();
    }

    public boolean isOption() {
        return optionType.isPresent();
    }

    /**
     * The XTS-era display name the existing UI parses ({@code NIFTY 27JAN2026 CE 26000}); cash
     * instruments keep their trading symbol.
     */
    public String xtsDisplayName() {
        if (!isOption() || expiry.isEmpty() || strike.isEmpty()) {
            return tradingSymbol.value();
        }
        return name + " " + expiry.get().format(XTS_DATE).toUpperCase(Locale.ROOT) + " " + optionType.get() + " "
                + Decimals.plain(strike.get());
    }

    private static Optional<OptionType> optionType(JsonNode node, InstrumentToken token) {
        Optional<String> code = text(node, "opt");
        if (code.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(OptionType.fromCode(code.get())
                .orElseThrow(
                        () -> new IllegalArgumentException("instrument " + token + ": option type must be CE or PE")));
    }

    private static String required(JsonNode node, String field, InstrumentToken token) {
        return text(node, field)
                .orElseThrow(() -> new IllegalArgumentException(
                        "instrument " + token + ": metadata field '" + field + "' is missing"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.asText().strip());
    }
}
