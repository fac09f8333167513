package dev.neoagent.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Positions, holdings and limits, derived from the fills so that all reports agree. */
final class PortfolioRenderer {
    private PortfolioRenderer() {}

    /** Running totals of one position row. */
    private static final class Totals {
        final Instrument instrument;
        final String product;
        int buyQty;
        int sellQty;
        BigDecimal buyAmt = BigDecimal.ZERO;
        BigDecimal sellAmt = BigDecimal.ZERO;
        Instant lastAt;
        long lastNanos;

        Totals(Instrument instrument, String product) {
            this.instrument = instrument;
            this.product = product;
        }

        void add(Fill fill) {
            if (fill.order().isBuy()) {
                buyQty += fill.qty();
                buyAmt = buyAmt.add(fill.value());
            } else {
                sellQty += fill.qty();
                sellAmt = sellAmt.add(fill.value());
            }
            lastAt = fill.at();
            lastNanos = fill.updRecvTm();
        }
    }

    /** Like Kotak, one row per instrument and product (a CNC and a MIS buy are two rows). */
    private static Map<String, Totals> aggregate(List<Fill> fills) {
        Map<String, Totals> rows = new LinkedHashMap<>();
        for (Fill fill : fills) {
            Order order = fill.order();
            String key = order.instrument.key() + "|" + order.product;
            rows.computeIfAbsent(key, k -> new Totals(order.instrument, order.product))
                    .add(fill);
        }
        return rows;
    }

    /** Examples §10: quantities and amounts are strings, {@code brdLtQty} an int. */
    static ArrayNode positions(String ucc, List<Fill> fills) {
        ArrayNode data = Json.array();
        for (Totals t : aggregate(fills).values()) {
            Instrument i = t.instrument;
            ObjectNode row = data.addObject();
            row.put("actId", ucc);
            row.put("brdLtQty", i.lotSize);
            row.put("cfBuyAmt", "0.00");
            row.put("cfSellAmt", "0.00");
            row.put("cfBuyQty", "0");
            row.put("cfSellQty", "0");
            row.put("exSeg", i.segment);
            row.put("buyAmt", Formats.money(t.buyAmt));
            row.put("sellAmt", Formats.money(t.sellAmt));
            row.put("flBuyQty", Integer.toString(t.buyQty));
            row.put("flSellQty", Integer.toString(t.sellQty));
            row.put("prod", t.product);
            row.put("series", i.series);
            row.put("tok", i.token);
            row.put("trdSym", i.tradingSymbol);
            row.put("optTp", i.optionType.trim());
            row.put("stkPrc", Formats.money(i.strike));
            row.put("type", i.instrumentType);
            row.put("sym", i.symbol);
            row.put("sqrFlg", "Y");
            row.put("posFlg", "true");
            row.put("lotSz", Integer.toString(i.lotSize));
            row.put("multiplier", "1");
            row.put("precision", "2");
            row.put("prcNum", "1");
            row.put("prcDen", "1");
            row.put("hsUpTm", Formats.hsUpTime(t.lastAt));
            row.put("expDt", "NA");
            row.put("exp", "-1");
            row.put("genNum", "1");
            row.put("genDen", "1");
            row.put("dscQty", "");
            row.put("upldPrc", "0.00");
            row.put("updRecvTm", t.lastNanos);
        }
        return data;
    }

    /**
     * Examples §11: real JSON numbers, no stat/stCode. Today's CNC equity buys count as holdings
     * (the real API shows them only from T+1, but tests want to see them at once).
     */
    static ArrayNode holdings(List<Fill> fills) {
        ArrayNode data = Json.array();
        for (Totals t : aggregate(fills).values()) {
            Instrument i = t.instrument;
            int qty = t.buyQty - t.sellQty;
            if (!"CNC".equals(t.product) || !Instrument.isCash(i.segment) || qty <= 0) {
                continue;
            }
            BigDecimal avg = t.buyAmt.divide(BigDecimal.valueOf(t.buyQty), 4, RoundingMode.HALF_UP);
            BigDecimal cost = avg.multiply(BigDecimal.valueOf(qty)).setScale(4, RoundingMode.HALF_UP);
            BigDecimal value = i.ltp.multiply(BigDecimal.valueOf(qty));
            ObjectNode row = data.addObject();
            row.put("displaySymbol", i.symbol);
            row.put("averagePrice", avg);
            row.put("quantity", qty);
            row.put("exchangeSegment", i.segment);
            row.put("exchangeIdentifier", i.token);
            row.put("holdingCost", cost);
            row.put("mktValue", value);
            row.put("scripId", String.format("%040x", Math.abs((long) i.key().hashCode())));
            row.put("instrumentToken", parseIntOrZero(i.token));
            row.put("instrumentType", "Equity");
            row.put("isAlternateScrip", false);
            row.put("closingPrice", i.close);
            row.put("symbol", i.symbol);
            row.put("sellableQuantity", qty);
            row.put("unrealisedGainLoss", value.subtract(cost));
            row.put("prevDayLtp", i.close);
            row.put("series", i.series);
            row.put("marketLot", i.lotSize);
            row.put("strikePrice", "0.00");
        }
        return data;
    }

    /** Examples §12: a flat object, every amount a string. */
    static ObjectNode limits(BigDecimal cash, BigDecimal marginUsed, Instant now) {
        ObjectNode body = Json.object();
        body.put("Category", "CLIENT");
        body.put("EntityId", "");
        body.put("BoardLotLimit", "5000");
        body.put("CollateralValue", Formats.money(cash));
        body.put("Collateral", "0");
        body.put("RmsCollateral", "0");
        body.put("AdhocMargin", "0");
        body.put("NotionalCash", "0");
        body.put("AmountUtilizedPrsnt", "0");
        body.put("UnrealizedMtomPrsnt", "0");
        body.put("RealizedMtomPrsnt", "0");
        body.put("ExposureMarginPrsnt", "0");
        body.put("SpanMarginPrsnt", "0");
        body.put("PremiumPrsnt", "0");
        body.put("MarginVarPrsnt", "0");
        body.put("MarginScripBasketPrsnt", Formats.money(marginUsed));
        body.put("MarginUsed", Formats.money(marginUsed));
        body.put("RmsPayInAmt", "0");
        body.put("RmsPayOutAmt", "0");
        body.put("Net", Formats.money(cash.subtract(marginUsed)));
        body.put("MarginUsedPrsnt", Formats.money(marginUsed));
        body.put("TimeStamp", Long.toString(now.toEpochMilli()));
        body.put("stCode", 200);
        body.put("stat", "Ok");
        body.put("RmsIpoAmt", "0");
        return body;
    }

    private static int parseIntOrZero(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
