package dev.neoagent.app.cli;

import dev.neoagent.agent.order.InstrumentResolver;
import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One option leg as the operator describes it ({@code NIFTY 2026-01-27 26000 CE BUY 1}), before it
 * is turned into the UI's leg JSON. Only the shape is checked here; whether the contract exists,
 * is live, and whether the quantity and price fit it is the agent's job, and its answer says so.
 */
record LegSpec(String index, LocalDate expiry, BigDecimal strike, String optionType, String side, Quantity quantity) {

    static final String LEG_FORMAT =
            "INDEX EXPIRY STRIKE CE|PE BUY|SELL LOTS (or qty=UNITS), " + "e.g. 'NIFTY 2026-01-27 26000 CE BUY 1'";

    static LegSpec of(String index, String expiry, String strike, String optionType, String side, Quantity quantity) {
        return new LegSpec(
                upper(index),
                date(expiry),
                strike(strike),
                oneOf("option type", optionType, "CE", "PE"),
                oneOf("side", side, "BUY", "SELL"),
                quantity);
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
        return index + " " + expiry + " " + InstrumentKeys.strikeText(strike) + " " + optionType;
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
        if (meta.isEmpty() && quantity.lots()) {
            throw CliFailure.failed(
                    "cannot convert " + quantity + " to units: " + notInMaster(instruments) + "; nothing was written");
        }
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
        return quantity.lots() ? (long) quantity.value() * meta.orElseThrow().lotSize() : quantity.value();
    }

    /**
     * Why this contract is not in the master, with what is: the loaded expiries of the index, or the strikes of
     * that expiry (their step, range and the nearest ones), so the operator can fix the command at once.
     */
    private String notInMaster(InstrumentResolver instruments) {
        String missing = contract() + " is not in the instrument master (" + InstrumentKeys.INSTR_OPT + " field "
                + InstrumentKeys.optionField(index, expiry, optionType, strike) + ")";
        Optional<List<LocalDate>> expiries = instruments.expiries(index);
        if (expiries.isEmpty() || expiries.get().isEmpty()) {
            List<String> loaded = instruments.underlyings();
            return missing + ": no " + index + " options are loaded (loaded: "
                    + (loaded.isEmpty() ? "none, run neo-bootstrap" : String.join(", ", loaded)) + ")";
        }
        if (!expiries.get().contains(expiry)) {
            return missing + ": " + expiry + " is not a loaded " + index + " expiry (loaded: "
                    + expiries.get().stream().map(LocalDate::toString).collect(Collectors.joining(", "))
                    + ")";
        }
        List<BigDecimal> strikes = instruments.strikes(index, expiry, optionType);
        if (strikes.isEmpty()) {
            return missing + ": no " + optionType + " strikes are loaded for " + index + " " + expiry;
        }
        if (strikes.size() == 1) {
            return missing + ": the only loaded " + index + " " + expiry + " " + optionType + " strike is "
                    + InstrumentKeys.strikeText(strikes.get(0));
        }
        return missing + ": " + index + " " + expiry + " " + optionType + " strikes run from "
                + InstrumentKeys.strikeText(strikes.get(0)) + " to "
                + InstrumentKeys.strikeText(strikes.get(strikes.size() - 1))
                + step(strikes) + nearest(strikes);
    }

    /** {@code  in steps of 50}: the smallest gap between neighbouring strikes (at least two are given). */
    private static String step(List<BigDecimal> strikes) {
        BigDecimal step = strikes.get(1).subtract(strikes.get(0));
        for (int i = 2; i < strikes.size(); i++) {
            step = step.min(strikes.get(i).subtract(strikes.get(i - 1)));
        }
        return " in steps of " + InstrumentKeys.strikeText(step);
    }

    /** {@code  (nearest: 25900, 25950)}: the loaded strikes on either side of the one asked for. */
    private String nearest(List<BigDecimal> strikes) {
        List<String> near = new ArrayList<>();
        BigDecimal below = null;
        BigDecimal above = null;
        for (BigDecimal candidate : strikes) {
            if (candidate.compareTo(strike) < 0) {
                below = candidate;
            } else if (above == null) {
                above = candidate;
            }
        }
        if (below != null) {
            near.add(InstrumentKeys.strikeText(below));
        }
        if (above != null) {
            near.add(InstrumentKeys.strikeText(above));
        }
        return " (nearest: " + String.join(", ", near) + ")";
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
