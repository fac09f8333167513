package dev.neoagent.broker.paper;

import dev.neoagent.domain.Position;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The net of all fills in one contract and product, like a row of Kotak's position book: total
 * bought and sold, in units and rupees. Closed positions stay in the list (flat, with their
 * amounts), as they do at Kotak for the day.
 */
record PaperPosition(
        InstrumentMeta contract,
        Product product,
        int buyQuantity,
        int sellQuantity,
        BigDecimal buyAmount,
        BigDecimal sellAmount) {

    private static final int WORKING_SCALE = 10;

    /** Positions in the order their first fill happened. */
    static List<PaperPosition> of(List<PaperFill> fills) {
        Map<Key, PaperPosition> byKey = new LinkedHashMap<>();
        for (PaperFill fill : fills) {
            Key key = new Key(fill.contract().segment(), fill.contract().tradingSymbol(), fill.product());
            PaperPosition known = byKey.get(key);
            byKey.put(key, (known == null ? flat(fill.contract(), fill.product()) : known).plus(fill));
        }
        return new ArrayList<>(byKey.values());
    }

    /** The position in a contract and product; flat when there was no fill. */
    static PaperPosition find(List<PaperFill> fills, InstrumentMeta contract, Product product) {
        return of(fills).stream()
                .filter(p -> p.contract().segment() == contract.segment()
                        && p.contract().tradingSymbol().equals(contract.tradingSymbol())
                        && p.product() == product)
                .findFirst()
                .orElse(flat(contract, product));
    }

    private static PaperPosition flat(InstrumentMeta contract, Product product) {
        return new PaperPosition(contract, product, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private PaperPosition plus(PaperFill fill) {
        return fill.side() == Side.BUY
                ? new PaperPosition(
                        contract,
                        product,
                        buyQuantity + fill.quantity(),
                        sellQuantity,
                        buyAmount.add(fill.value()),
                        sellAmount)
                : new PaperPosition(
                        contract,
                        product,
                        buyQuantity,
                        sellQuantity + fill.quantity(),
                        buyAmount,
                        sellAmount.add(fill.value()));
    }

    /** Positive long, negative short. */
    int net() {
        return buyQuantity - sellQuantity;
    }

    /**
     * Profit of the quantity bought and sold again, at average prices: matched × (average sell −
     * average buy). The open remainder carries the average buy (or sell) price.
     */
    BigDecimal realisedPnl() {
        int matched = Math.min(buyQuantity, sellQuantity);
        if (matched == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal m = BigDecimal.valueOf(matched);
        BigDecimal sold =
                sellAmount.multiply(m).divide(BigDecimal.valueOf(sellQuantity), WORKING_SCALE, RoundingMode.HALF_UP);
        BigDecimal bought =
                buyAmount.multiply(m).divide(BigDecimal.valueOf(buyQuantity), WORKING_SCALE, RoundingMode.HALF_UP);
        return sold.subtract(bought);
    }

    /** What the open long quantity cost, at the average buy price; 0 unless long. */
    BigDecimal openLongCost() {
        if (net() <= 0) {
            return BigDecimal.ZERO;
        }
        return buyAmount
                .multiply(BigDecimal.valueOf(net()))
                .divide(BigDecimal.valueOf(buyQuantity), WORKING_SCALE, RoundingMode.HALF_UP);
    }

    Position toPosition() {
        return new Position(
                contract.tradingSymbol(),
                contract.segment(),
                Optional.of(contract.token()),
                product,
                buyQuantity,
                sellQuantity,
                buyAmount,
                sellAmount,
                contract.lotSize());
    }

    private record Key(Segment segment, TradingSymbol symbol, Product product) {}
}
