package dev.neoagent.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Quote objects (examples §14): every value a string, prices with 4 decimals. The market picture
 * (depth, volumes, ranges) is synthetic but derived from LTP and lot size, so it is stable.
 */
final class QuoteRenderer {
    private static final List<String> IDENTITY = List.of("exchange_token", "display_symbol", "exchange", "lstup_time");
    /** Fields kept per filter; "all" and "scrip_details" keep everything. */
    private static final Map<String, Set<String>> FILTERS = Map.of(
            "ltp", Set.of("ltp"),
            "ohlc", Set.of("ohlc"),
            "depth", Set.of("depth"),
            "oi", Set.of("open_int"),
            "52w", Set.of("year_high", "year_low"),
            "circuit_limits", Set.of("low_price_range", "high_price_range"));

    private QuoteRenderer() {}

    /** True when the filter segment is one Kotak documents (case-insensitive: docs say 52W/52w). */
    static boolean knownFilter(String filter) {
        String f = filter.toLowerCase(Locale.ROOT);
        return FILTERS.containsKey(f) || f.equals("all") || f.equals("scrip_details");
    }

    static ObjectNode instrument(Instrument i, String filter) {
        ObjectNode q = Json.object();
        q.put("exchange_token", i.token);
        q.put("display_symbol", i.tradingSymbol);
        q.put("exchange", i.segment);
        q.put("lstup_time", Long.toString(i.updatedAt.getEpochSecond()));
        q.put("ltp", p4(i.ltp));
        q.put("last_traded_quantity", Integer.toString(i.lotSize));
        ArrayNode buy = Json.array();
        ArrayNode sell = Json.array();
        long totalBuy = 0;
        long totalSell = 0;
        for (int level = 0; level < 5; level++) {
            long qty = (long) i.lotSize * (level + 1) * 10;
            BigDecimal bid = i.ltp.subtract(i.tickSize.multiply(BigDecimal.valueOf(level)))
                    .max(BigDecimal.ZERO);
            BigDecimal ask = i.ltp.add(i.tickSize.multiply(BigDecimal.valueOf(level + 1L)));
            depthLevel(buy, p4(bid), Long.toString(qty), Integer.toString(level + 1));
            depthLevel(sell, p4(ask), Long.toString(qty), Integer.toString(level + 1));
            totalBuy += qty;
            totalSell += qty;
        }
        q.put("total_buy", Long.toString(totalBuy * 100));
        q.put("total_sell", Long.toString(totalSell * 100));
        q.put("last_volume", Long.toString((long) i.lotSize * 100_000));
        q.put("avg_cost", p4(i.ltp.add(i.close).divide(BigDecimal.TWO, 4, RoundingMode.HALF_UP)));
        q.put("open_int", Instrument.isCash(i.segment) ? "0" : Long.toString(i.lotSize * 50_000L));
        putChange(q, i.ltp, i.close);
        q.put("low_price_range", p4(i.close.multiply(new BigDecimal("0.8"))));
        q.put("high_price_range", p4(i.close.multiply(new BigDecimal("1.2"))));
        q.put("year_high", p4(i.high.max(i.close).multiply(new BigDecimal("1.25"))));
        q.put("year_low", p4(i.low.min(i.close).multiply(new BigDecimal("0.75"))));
        putOhlc(q, i.close, i.high, i.low);
        ObjectNode depth = q.putObject("depth");
        depth.set("buy", buy);
        depth.set("sell", sell);
        return applyFilter(q, filter);
    }

    /** Index objects have zero volume and depth, and (as in K-docs) no avg_cost/open_int/ranges. */
    static ObjectNode index(IndexQuote x, String filter) {
        ObjectNode q = Json.object();
        q.put("exchange_token", x.name);
        q.put("display_symbol", x.name.toUpperCase(Locale.ROOT) + "-IN");
        q.put("exchange", x.segment);
        q.put("lstup_time", Long.toString(x.updatedAt.getEpochSecond()));
        q.put("ltp", p4(x.ltp));
        q.put("last_traded_quantity", "0");
        q.put("total_buy", "0");
        q.put("total_sell", "0");
        q.put("last_volume", "0");
        putChange(q, x.ltp, x.close);
        q.put("year_high", "0");
        q.put("year_low", "0");
        putOhlc(q, x.close, x.high, x.low);
        ObjectNode depth = q.putObject("depth");
        for (String side : List.of("buy", "sell")) {
            ArrayNode levels = depth.putArray(side);
            for (int level = 0; level < 5; level++) {
                depthLevel(levels, "0", "0", "0");
            }
        }
        return applyFilter(q, filter);
    }

    private static ObjectNode applyFilter(ObjectNode q, String filter) {
        Set<String> extra = FILTERS.get(filter.toLowerCase(Locale.ROOT));
        if (extra != null) {
            List<String> keep = new ArrayList<>(IDENTITY);
            keep.addAll(extra);
            q.retain(keep);
        }
        return q;
    }

    private static void putChange(ObjectNode q, BigDecimal ltp, BigDecimal close) {
        BigDecimal change = ltp.subtract(close);
        q.put("change", p4(change));
        q.put(
                "per_change",
                close.signum() == 0
                        ? p4(BigDecimal.ZERO)
                        : p4(change.multiply(BigDecimal.valueOf(100)).divide(close, 4, RoundingMode.HALF_UP)));
    }

    /** ohlc.close is the previous close; the session opened there. */
    private static void putOhlc(ObjectNode q, BigDecimal close, BigDecimal high, BigDecimal low) {
        ObjectNode ohlc = q.putObject("ohlc");
        ohlc.put("open", p4(close));
        ohlc.put("high", p4(high));
        ohlc.put("low", p4(low));
        ohlc.put("close", p4(close));
    }

    private static void depthLevel(ArrayNode side, String price, String qty, String orders) {
        ObjectNode level = side.addObject();
        level.put("price", price);
        level.put("quantity", qty);
        level.put("orders", orders);
    }

    private static String p4(BigDecimal v) {
        return Formats.price4(v);
    }
}
