package dev.neoagent.broker.kotak;

import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.QuoteKey;
import dev.neoagent.domain.Segment;
import java.util.Locale;

/**
 * Kotak Neo's names for the domain's values (kotak-neo-wire.md): exchange segments, order status texts, the
 * quote keys of the agent's indices. Exhaustive both ways: an unknown code is an error, never a guess. The paper
 * broker, which imitates Kotak, uses the same texts.
 */
public final class KotakCodes {
    private KotakCodes() {}

    /** {@code nse_fo}: the {@code es} / {@code exSeg} field. */
    public static String segment(Segment segment) {
        return switch (segment) {
            case NSE_CM -> "nse_cm";
            case BSE_CM -> "bse_cm";
            case NSE_FO -> "nse_fo";
            case BSE_FO -> "bse_fo";
            case MCX_FO -> "mcx_fo";
            case CDE_FO -> "cde_fo";
        };
    }

    /** Exact lower-case code as Kotak writes it; anything else is an error, never a guess. */
    public static Segment segment(String code) {
        for (Segment segment : Segment.values()) {
            if (segment(segment).equals(code)) {
                return segment;
            }
        }
        throw new IllegalArgumentException("unknown exchange segment '" + code + "'");
    }

    /** Kotak's free-text order status ({@code ordSt}); a text not known is {@link OrderStatus#OTHER}. */
    public static OrderStatus orderStatus(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "put order req received",
                    "validation pending",
                    "open pending",
                    "modify pending",
                    "modify validation pending",
                    "cancel pending",
                    "after market order req received" -> OrderStatus.PENDING;
            case "open", "modified" -> OrderStatus.OPEN;
            case "trigger pending" -> OrderStatus.TRIGGER_PENDING;
            case "complete", "traded" -> OrderStatus.COMPLETE;
            case "cancelled" -> OrderStatus.CANCELLED;
            case "rejected" -> OrderStatus.REJECTED;
            default -> OrderStatus.OTHER;
        };
    }

    /** Kotak's {@code stCode} for a modify or cancel of an order that is already complete. */
    public static final int ORDER_COMPLETE = 1021;

    /**
     * Kotak's {@code stCode} for a modify or cancel of an order that is cancelled, rejected or not found ("Order cannot
     * be modified as it is already executed.", "Order already cancelled or not found."). On place the same code means
     * an invalid exchange segment.
     */
    public static final int ORDER_NOT_CHANGEABLE = 1006;

    /**
     * How a refusal of a modify or cancel because of the order's state ({@link #ORDER_COMPLETE},
     * {@link #ORDER_NOT_CHANGEABLE}) is worded for the user: Kotak's text, then its code, as in {@code order is
     * completed (Kotak 1021)}. The paper broker words its refusals the same way.
     */
    public static String orderStateRefusal(int code, String kotakText) {
        return kotakText.strip() + " (Kotak " + code + ")";
    }

    /** {@code segment|instrument}, the form Kotak uses in quote paths and answers ({@code nse_cm|Nifty 50}). */
    public static String quoteKey(QuoteKey key) {
        return switch (key) {
            case QuoteKey.Instrument instrument ->
                segment(instrument.segment()) + "|" + instrument.token().value();
            // Kotak quotes NSE's indices on nse_cm by NSE's exact, case-sensitive name
            case QuoteKey.Index index ->
                segment(Segment.NSE_CM) + "|" + index.index().exchangeName();
            case QuoteKey.OtherIndex other -> segment(other.segment()) + "|" + other.name();
        };
    }
}
