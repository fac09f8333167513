package dev.neoagent.agent.report;

import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.instruments.InstrumentLookup;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code orderbook.csv} with the exact header of ui-contract §4.3, in XTS values: the UI upper-cases
 * {@code OrderStatus} and shows only {@code FILLED} rows as executed, and MotherDuck's ingest keeps
 * only {@code Filled} rows, pairs {@code BUY}/{@code SELL} sides and dedups on the numeric
 * {@code AppOrderID}.
 *
 * <ul>
 *   <li>{@code AppOrderID} is Kotak's order number as the broker sent it (numeric in practice).</li>
 *   <li>{@code OptionType} is an extra column XTS did not have; the UI re-derives it and MotherDuck
 *       ignores it.</li>
 *   <li>The domain {@link Order} carries one time (Kotak's order time), so both
 *       {@code OrderGeneratedDateTime} and {@code ExchangeTransactTime} hold it; the UI sorts on the
 *       latter, so it must not be empty when a time is known.</li>
 *   <li>Rows are newest first; rows without a time go last, in broker order.</li>
 * </ul>
 */
final class OrderBookReport {
    static final List<String> HEADER = List.of(
            "AppOrderID",
            "TradingSymbol",
            "OptionType",
            "OrderSide",
            "OrderQuantity",
            "OrderStatus",
            "OrderAverageTradedPrice",
            "OrderGeneratedDateTime",
            "ExchangeTransactTime");

    private OrderBookReport() {}

    static Csv csv(List<Order> orders, InstrumentLookup lookup) {
        List<Order> newestFirst = new ArrayList<>(orders);
        newestFirst.sort(Comparator.comparing(
                (Order o) -> o.time().orElse(null), Comparator.nullsLast(Comparator.<LocalDateTime>reverseOrder())));
        Csv csv = new Csv(HEADER);
        for (Order o : newestFirst) {
            XtsInstrument instrument = XtsInstrument.resolve(lookup, o.segment(), o.token(), o.symbol());
            String time = ReportFormats.dateTime(o.time());
            csv.row(
                    o.orderId().value(),
                    instrument.displayName(),
                    instrument.optionTypeText(),
                    o.side().name(),
                    Integer.toString(o.quantity()),
                    xtsStatus(o.status(), o.statusText()),
                    ReportFormats.decimal(o.averagePrice()),
                    time,
                    time);
        }
        return csv;
    }

    /** XTS order-status words; only {@code Filled} has meaning to the UI and MotherDuck. */
    static String xtsStatus(OrderStatus status, String brokerText) {
        return switch (status) {
            case COMPLETE -> "Filled";
            case REJECTED -> "Rejected";
            case CANCELLED -> "Cancelled";
            case OPEN -> "Open";
            case TRIGGER_PENDING -> "TriggerPending";
            case PENDING -> "PendingNew";
            case OTHER -> capitalised(brokerText);
        };
    }

    /** Python's {@code str.capitalize()}, so unknown statuses look like the XTS ones. */
    private static String capitalised(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return "Unknown";
        }
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }
}
