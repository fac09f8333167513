package dev.neoagent.agent.report;

import dev.neoagent.domain.Trade;
import dev.neoagent.instruments.InstrumentLookup;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code tradebook.csv}: one row per fill. The existing UI does not read this file, so the header
 * is ours, in XTS naming so it sits naturally beside {@code orderbook.csv}:
 * {@code AppOrderID,ExecutionID,TradingSymbol,OptionType,OrderSide,ProductType,TradedQuantity,TradedPrice,ExchangeTransactTime}.
 *
 * <ul>
 *   <li>{@code AppOrderID} joins a fill to its {@code orderbook.csv} row; {@code ExecutionID} is
 *       Kotak's fill id.</li>
 *   <li>{@code TradingSymbol} is the XTS display form, found through the trading symbol (Kotak's
 *       trade rows carry no token, so there is no {@code ExchangeInstrumentId} column).</li>
 *   <li>{@code TradedQuantity}/{@code TradedPrice} are this fill's units and price (XTS calls them
 *       LastTraded…; the plain names say what they are).</li>
 *   <li>Newest first, like the order book; fills without a time go last.</li>
 * </ul>
 */
final class TradeBookReport {
    static final List<String> HEADER = List.of(
            "AppOrderID",
            "ExecutionID",
            "TradingSymbol",
            "OptionType",
            "OrderSide",
            "ProductType",
            "TradedQuantity",
            "TradedPrice",
            "ExchangeTransactTime");

    private TradeBookReport() {}

    static Csv csv(List<Trade> trades, InstrumentLookup lookup) {
        List<Trade> newestFirst = new ArrayList<>(trades);
        newestFirst.sort(Comparator.comparing(
                (Trade t) -> t.time().orElse(null), Comparator.nullsLast(Comparator.<LocalDateTime>reverseOrder())));
        Csv csv = new Csv(HEADER);
        for (Trade t : newestFirst) {
            XtsInstrument instrument = XtsInstrument.resolve(lookup, t.segment(), Optional.empty(), t.symbol());
            csv.row(
                    t.orderId().value(),
                    t.fillId(),
                    instrument.displayName(),
                    instrument.optionTypeText(),
                    t.side().name(),
                    t.product().name(),
                    Integer.toString(t.quantity()),
                    ReportFormats.decimal(t.price()),
                    ReportFormats.dateTime(t.time()));
        }
        return csv;
    }
}
