package dev.neoagent.agent.cli;

import dev.neoagent.agent.order.InstrumentResolver;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.instruments.InstrumentMeta;
import dev.neoagent.redis.RedisKeys;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * One option leg as the operator describes it ({@code NIFTY 2026-01-27 26000 CE BUY 1}), before it
 * is turned into the UI's leg JSON. Only the shape is checked here; whether the contract exists,
 * is live, and whether the quantity and price fit it is the agent's job, and its answer says so.
 */
record LegSpec(String index, LocalDate expiry, BigDecimal strike, String optionType, String side,
                 Quantity quantity) {

    static final String LEG_FORMAT = "INDEX EXPIRY STRIKE CE|PE BUY|SELL LOTS (or qty=UNITS), "
            + "e.g. 'NIFTY 2026-01-27 26000 CE BUY 1'";

    static LegSpec of(String index, String expiry, String strike, String optionType, String side,
                        Quantity quantity) {
        return new LegSpec(upper(index), date(expiry), strike(strike), oneOf("option type", optionType, "CE", "PE"),
                oneOf("side", side, "BUY", "SELL"), quantity);
    }

    /** {@code NIFTY 2026-01-27 26000 CE BUY 1}; the last word is lots, or {@code qty=130} for units. */
    static LegSpec parse(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length != 6) {
            throw CliFailure.failed("--leg '" + text + "': expected " + LEG_FORMAT);
        }
        try {
            return of(words[0], words[1], words[2], words[3], words[4], quantity(words[5]));
        } catch (CliFailure e) {
            throw CliFailure.failed("--leg '" + text + "': " + e.getMessage());
        }
    }

    private static Quantity quantity(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.startsWith("qty=")) {
            return Quantity.ofUnits(positive(word.substring(4), "qty"));
        }
        if (lower.startsWith("lots=")) {
            return Quantity.ofLots(positive(word.substring(5), "lots"));
        }
        return Quantity.ofLots(positive(word, "lots"));
    }

    private static int positive(String text, String what) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliFailure.failed(what + " must be a positive whole number, got '" + text + "'");
    }

    /** {@code NIFTY 2026-01-27 26000 CE}, for messages. */
    String contract() {
        return index + " " + expiry + " " + RedisKeys.strikeText(strike) + " " + optionType;
    }

    /**
     * The leg in the UI's JSON layout. The token comes from the instrument master as the UI's own
     * lookup gives it ({@code exchangeInstrumentID}), so the agent cross-checks the contract; lots
     * need the master's lot size, units do not (a contract missing from the master is then left for
     * the agent to refuse, with its own explanation).
     *
     * @param execution {@code true} for a single leg, which also carries ExecutionType / LimitPrice
     */
    String toUiJson(InstrumentResolver instruments, String product, boolean execution, Optional<BigDecimal> limit) {
        Optional<InstrumentToken> token = instruments.optionToken(index, expiry, optionType, strike);
        Optional<InstrumentMeta> meta = token.flatMap(instruments::optionMeta);
        UiJson json = new UiJson()
                .text("Index", index)
                .text("OrderType", product)
                .integer("Qty", units(meta))
                .text("Side", side)
                .text("Expiry", expiry.toString())
                .number("Strike", strike)
                .text("OptionType", optionType);
        if (execution) {
            json.text("ExecutionType", limit.isPresent() ? "LIMIT" : "MARKET");
            limit.ifPresent(price -> json.decimal("LimitPrice", price));
        }
        token.filter(t -> t.value().matches("\\d{1,18}"))
                .ifPresent(t -> json.integer("exchangeInstrumentID", Long.parseLong(t.value())));
        return json.build();
    }

    private long units(Optional<InstrumentMeta> meta) {
        if (!quantity.lots()) {
            return quantity.value();
        }
        InstrumentMeta contract = meta.orElseThrow(() -> CliFailure.failed("cannot convert " + quantity + " to units: "
                + contract() + " is not in the instrument master (" + RedisKeys.INSTR_OPT + " field "
                + RedisKeys.optionField(index, expiry, optionType, strike) + "); nothing was written"));
        return (long) quantity.value() * contract.lotSize();
    }

    private static String upper(String text) {
        String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (!value.matches("[A-Z0-9&-]+")) {
            throw CliFailure.failed("index must be an underlying name such as NIFTY or BANKNIFTY, got '" + text + "'");
        }
        return value;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException | NullPointerException e) {
            throw CliFailure.failed("expiry must be a date YYYY-MM-DD, got '" + text + "'");
        }
    }

    private static BigDecimal strike(String text) {
        try {
            BigDecimal strike = new BigDecimal(text.strip());
            if (strike.signum() > 0) {
                return strike;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw CliFailure.failed("strike must be a positive number, got '" + text + "'");
    }

    static String oneOf(String what, String text, String... allowed) {
        String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw CliFailure.failed(what + " must be " + String.join(" or ", allowed) + ", got '" + text + "'");
    }
}
