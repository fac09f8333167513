package dev.neoagent.agent.report;

import dev.neoagent.domain.Holding;
import dev.neoagent.domain.InstrumentToken;
import java.util.List;

/**
 * {@code holdings.csv}: delivery holdings. The existing UI does not read this file; the header
 * follows the XTS names of the other files:
 * {@code TradingSymbol,ExchangeInstrumentId,Quantity,SellableQuantity,AveragePrice,ClosingPrice,MarketValue}.
 * Holdings are cash instruments, whose display name is their symbol, so no instrument lookup is
 * needed; the token column is empty when the broker gave none.
 */
final class HoldingsReport {
    static final List<String> HEADER = List.of(
            "TradingSymbol",
            "ExchangeInstrumentId",
            "Quantity",
            "SellableQuantity",
            "AveragePrice",
            "ClosingPrice",
            "MarketValue");

    private HoldingsReport() {}

    static Csv csv(List<Holding> holdings) {
        Csv csv = new Csv(HEADER);
        for (Holding h : holdings) {
            csv.row(
                    h.symbol(),
                    h.token().map(InstrumentToken::value).orElse(""),
                    Integer.toString(h.quantity()),
                    Integer.toString(h.sellableQuantity()),
                    ReportFormats.decimal(h.averagePrice()),
                    ReportFormats.decimal(h.closingPrice()),
                    ReportFormats.decimal(h.marketValue()));
        }
        return csv;
    }
}
