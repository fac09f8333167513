package dev.neoagent.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Order book, order history and trade book rows, field for field as in the real samples
 * (kotak-neo-examples §7-§9). Note the mixed typing the real API has: quantities are JSON ints in
 * the order book, {@code brdLtQty} is a string in the order book but an int in history and trades,
 * {@code updRecvTm} is a 19-digit JSON number.
 */
final class BookRenderer {
    private BookRenderer() {}

    static ObjectNode orderRow(Order order) {
        Order.Snapshot s = order.history.getLast();
        Instrument i = order.instrument;
        ObjectNode row = Json.object();
        row.put("actId", "");
        row.put("algId", "NA");
        row.put("algCat", "NA");
        row.put("algSeqNo", "NA");
        row.put("avgPrc", Formats.money(s.avgPrice()));
        row.put("brdLtQty", Integer.toString(i.lotSize));
        row.put("brkClnt", "08081");
        row.put("cnlQty", s.cancelledQty());
        row.put("coPct", 0);
        row.put("defMktProV", "0");
        row.put("dscQtyPct", "0");
        row.put("dscQty", 0);
        row.put("exUsrInfo", "NA");
        row.put("exCfmTm", atExchange(s) ? Formats.dateTime(order.placedAt) : "--");
        row.put("exOrdId", s.exchangeOrderId());
        row.put("expDt", "NA");
        row.put("expDtSsb", "-");
        row.put("exSeg", i.segment);
        row.put("fldQty", s.filledQty());
        row.put("boeSec", s.at().getEpochSecond());
        row.put("mktProPct", "--");
        row.put("mktPro", "0");
        row.put("mfdBy", "NA");
        row.put("minQty", 0);
        row.put("mktProFlg", "0");
        row.put("noMktProFlg", "0");
        row.put("nOrdNo", order.orderNo);
        row.put("optTp", i.optionType);
        row.put("ordAutSt", "NA");
        row.put("odCrt", "NA");
        row.put("ordDtTm", Formats.dateTime(order.placedAt));
        row.put("ordEntTm", Formats.dateTime(s.at()));
        row.put("ordGenTp", order.amo ? "AMO" : "NA");
        row.put("ordSrc", "");
        row.put("ordValDt", "NA");
        row.put("prod", order.product);
        row.put("prc", Formats.money(s.price()));
        row.put("prcTp", s.priceType());
        row.put("qty", s.qty());
        row.put("refLmtPrc", 0);
        row.put("rejRsn", s.rejectReason() == null ? "--" : s.rejectReason());
        row.put("rmk", "--");
        row.put("rptTp", "NA");
        row.put("reqId", "1");
        row.put("series", i.series);
        row.put("sipInd", "NA");
        row.put("stat", s.status());
        row.put("ordSt", s.status());
        row.put("stkPrc", Formats.money(i.strike));
        row.put("sym", i.symbol);
        row.put("symOrdId", "NA");
        row.put("tckSz", Formats.price4(i.tickSize));
        row.put("tok", i.token);
        row.put("trnsTp", order.side);
        row.put("trgPrc", Formats.money(s.triggerPrice()));
        row.put("trdSym", i.tradingSymbol);
        row.put("unFldSz", s.qty() - s.filledQty() - s.cancelledQty());
        row.put("usrId", "");
        row.put("uSec", Long.toString(s.at().getEpochSecond()));
        row.put("vldt", s.validity());
        row.put("classification", "0");
        row.put("vendorCode", "");
        putMultipliers(row);
        row.put("lotSz", Integer.toString(i.lotSize));
        row.put("multiplier", "1");
        row.put("precision", "2");
        row.put("hsUpTm", Formats.hsUpTime(s.at()));
        row.put("GuiOrdId", order.tag == null ? "" : order.tag);
        row.put("locId", "111111111111100");
        row.put("appInstlId", "NA");
        row.put("ordModNo", "");
        row.put("strategyCode", "NA");
        row.put("updRecvTm", s.updRecvTm());
        row.put("it", i.instrumentCode);
        return row;
    }

    /** One order-history entry (examples §8), built from the frozen state at that transition. */
    static ObjectNode historyRow(Order order, Order.Snapshot s) {
        Instrument i = order.instrument;
        ObjectNode row = Json.object();
        row.put("trdSym", i.tradingSymbol);
        row.put("sym", i.symbol);
        row.put("prc", Formats.money(s.price()));
        row.put("qty", s.qty());
        row.put("ordSt", s.status());
        row.put("stat", s.status());
        row.put("trnsTp", order.side);
        row.put("prcTp", s.priceType());
        row.put("brdLtQty", i.lotSize);
        row.put("exch", exchange(i.segment));
        row.put("exSeg", i.segment);
        row.put("exchTmstp", atExchange(s) ? Formats.dateTimeSpaced(s.at()) : "--");
        row.put("tok", i.token);
        row.put("nOrdNo", order.orderNo);
        row.put("avgPrc", Formats.money(s.avgPrice()));
        row.put("trgPrc", Formats.money(s.triggerPrice()));
        row.put("exchOrdId", s.exchangeOrderId());
        row.put("rejRsn", s.rejectReason() == null ? "--" : s.rejectReason());
        row.put("ordDur", s.validity());
        row.put("prod", order.product);
        row.put("ordSrc", "ADMINCPPAPI_FINTECH001");
        row.put("flDtTm", Formats.dateTimeSpaced(s.at()));
        row.put("fldQty", s.filledQty());
        row.put("unFldSz", s.qty() - s.filledQty() - s.cancelledQty());
        row.put("cnlQty", s.cancelledQty());
        row.put("dclQty", 0);
        row.put("nReqId", "1");
        row.put("cstFrm", "C");
        row.put("scripName", i.symbol);
        row.put("ordUsrMsg", "");
        row.put("ordDtTm", Formats.dateTime(order.placedAt));
        row.put("GuiOrdId", order.tag == null ? "" : order.tag);
        row.put("updRecvTm", s.updRecvTm());
        row.put("boeSec", s.at().getEpochSecond());
        row.put("uSec", Long.toString(s.at().toEpochMilli()));
        return row;
    }

    /** One trade-book row (examples §9): {@code tok} is an empty string there, {@code qty} 0. */
    static ObjectNode tradeRow(Fill fill, String pan) {
        Order order = fill.order();
        Instrument i = order.instrument;
        Instant at = fill.at();
        ObjectNode row = Json.object();
        row.put("avgPrc", Formats.money(fill.price()));
        row.put("boeSec", at.getEpochSecond());
        row.put("brdLtQty", i.lotSize);
        row.put("cstFrm", "C");
        row.put("exOrdId", order.exchangeOrderId);
        row.put("exSeg", i.segment);
        row.put("exTm", Formats.dateTime(at));
        row.put("fldQty", fill.qty());
        row.put("flDt", Formats.fillDate(at));
        row.put("flId", fill.fillId());
        row.put("flLeg", 1);
        row.put("flTm", Formats.fillTime(at));
        row.put("nOrdNo", order.orderNo);
        row.put("ordDur", order.validity);
        row.put("prcTp", order.priceType);
        row.put("prod", order.product);
        row.put("rptTp", "fill");
        row.put("series", i.series);
        row.put("sym", i.symbol);
        row.put("trdSym", i.tradingSymbol);
        row.put("trnsTp", order.side);
        row.put("usrId", pan);
        row.put("hsUpTm", Formats.hsUpTime(at));
        row.put("GuiOrdId", order.tag == null ? "" : order.tag);
        row.put("lotSz", Integer.toString(i.lotSize));
        row.put("multiplier", "1");
        row.put("precision", "2");
        putMultipliers(row);
        row.put("tok", "");
        row.put("updRecvTm", fill.updRecvTm());
        row.put("uSec", Long.toString(at.getEpochSecond()));
        row.put("prc", "");
        row.put("qty", 0);
        row.put("it", i.instrumentCode);
        return row;
    }

    static void putMultipliers(ObjectNode row) {
        row.put("genDen", "1");
        row.put("genNum", "1");
        row.put("prcNum", "1");
        row.put("prcDen", "1");
    }

    private static boolean atExchange(Order.Snapshot s) {
        return !"NA".equals(s.exchangeOrderId());
    }

    static String exchange(String segment) {
        if (segment.startsWith("bse") || segment.startsWith("bcs")) {
            return "BSE";
        }
        if (segment.startsWith("mcx")) {
            return "MCX";
        }
        return "NSE";
    }
}
