package dev.neoagent.agent.report;

import dev.neoagent.domain.Position;
import dev.neoagent.instruments.InstrumentLookup;
import java.util.List;

/**
 * {@code positions.csv} in the minimal XTS {@code positionList} form of ui-contract §4.1. The UI
 * reads {@code TradingSymbol}, {@code ExchangeInstrumentId}, {@code BuyAveragePrice},
 * {@code SellAveragePrice} and {@code Quantity}; the other columns keep the XTS shape for humans.
 *
 * <ul>
 *   <li>{@code Quantity} is the signed net in units (negative when short). Flat rows are dropped,
 *       as XTS did: the UI would drop them anyway, and square-off must never see them.</li>
 *   <li>Averages have 2 decimals, and are {@code 0} when there were no buys (sells): the UI's P/L
 *       falls back to the other average exactly when one is 0.</li>
 *   <li>{@code OpenBuyQuantity}/{@code OpenSellQuantity} are the bought/sold units including the
 *       carried-forward part; {@code NetAmount} = {@code SellAmount − BuyAmount}.</li>
 * </ul>
 */
final class PositionsReport {
    static final List<String> HEADER = List.of(
            "TradingSymbol",
            "ExchangeInstrumentId",
            "ProductType",
            "Marketlot",
            "BuyAveragePrice",
            "SellAveragePrice",
            "OpenBuyQuantity",
            "OpenSellQuantity",
            "Quantity",
            "BuyAmount",
            "SellAmount",
            "NetAmount");

    private PositionsReport() {}

    static Csv csv(List<Position> positions, InstrumentLookup lookup) {
        Csv csv = new Csv(HEADER);
        for (Position p : positions) {
            if (p.netQuantity() == 0) {
                continue;
            }
            XtsInstrument instrument = XtsInstrument.resolve(lookup, p.segment(), p.token(), p.symbol());
            csv.row(
                    instrument.displayName(),
                    instrument.tokenText(),
                    p.product().name(),
                    Integer.toString(p.lotSize()),
                    ReportFormats.decimal(p.averageBuyPrice()),
                    ReportFormats.decimal(p.averageSellPrice()),
                    Integer.toString(p.buyQuantity()),
                    Integer.toString(p.sellQuantity()),
                    Integer.toString(p.netQuantity()),
                    ReportFormats.decimal(p.buyAmount()),
                    ReportFormats.decimal(p.sellAmount()),
                    ReportFormats.decimal(p.sellAmount().subtract(p.buyAmount())));
        }
        return csv;
    }
}
