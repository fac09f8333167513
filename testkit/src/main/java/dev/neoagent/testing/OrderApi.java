package dev.neoagent.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neoagent.testing.Accounts.Account;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import okhttp3.mockwebserver.MockResponse;

/**
 * place / modify / cancel / history. Validation mirrors what Kotak documents (stCode 1002 bad
 * input, 1007 bad symbol, 1009 bad quantity, 1006 not modifiable, 1021 already complete) so
 * that client bugs surface here rather than in production.
 */
final class OrderApi {
    private static final List<String> PLACE_REQUIRED =
            List.of("es", "pc", "pt", "qt", "rt", "tp", "ts", "tt", "pr", "am");
    private static final Set<String> SEGMENTS =
            Set.of("nse_cm", "bse_cm", "nse_fo", "bse_fo", "mcx_fo", "cde_fo", "bcs-fo");
    private static final Set<String> PRICE_TYPES = Set.of("L", "MKT", "SL", "SL-M");
    /** CO/BO were discontinued on the Trade API on 1 Apr 2026. */
    private static final Set<String> PRODUCTS = Set.of("NRML", "CNC", "MIS", "MTF");

    private static final Set<String> VALIDITIES = Set.of("DAY", "IOC");
    /** Kotak's 1006 text for a cancel of an order that is not working (and for any order it does not know). */
    static final String NOT_FOUND = "Order already cancelled or not found.";
    /** Kotak's 1006 text for a modify of a cancelled or rejected order (the docs' example, wording as Kotak's). */
    static final String NOT_MODIFIABLE = "Order cannot be modified as it is already executed.";

    private final KotakState state;

    OrderApi(KotakState state) {
        this.state = state;
    }

    MockResponse place(Account account, String body, FakeKotakServer.Fault.RmsReject rmsReject, Instant now) {
        JData.Parsed parsed = JData.parse(body);
        if (parsed.failed()) {
            return parsed.error();
        }
        ObjectNode j = parsed.json();
        for (String key : PLACE_REQUIRED) {
            if (JData.text(j, key) == null) {
                return Replies.notOk(1002, "Missing mandatory parameter: " + key);
            }
        }
        MockResponse invalid = checkTrigger(j);
        if (invalid != null) {
            return invalid;
        }
        String segment = JData.text(j, "es");
        if (!SEGMENTS.contains(segment)) {
            return Replies.notOk(1006, "Invalid exchange");
        }
        String side = JData.text(j, "tt");
        if (!side.equals("B") && !side.equals("S")) {
            return Replies.notOk(1002, "Invalid transaction type");
        }
        String priceType = JData.text(j, "pt");
        if (!PRICE_TYPES.contains(priceType)) {
            return Replies.notOk(1002, "Invalid order type");
        }
        String product = JData.text(j, "pc");
        if (!PRODUCTS.contains(product)) {
            return Replies.notOk(1002, "Invalid product type");
        }
        String validity = JData.text(j, "rt");
        if (!VALIDITIES.contains(validity)) {
            return Replies.notOk(1002, "Invalid validity");
        }
        String amo = JData.text(j, "am");
        if (!amo.equals("NO") && !amo.equals("YES")) {
            return Replies.notOk(1002, "Invalid AMO flag");
        }
        Instrument instrument = state.market.bySymbol(segment, JData.text(j, "ts"));
        if (instrument == null) {
            return Replies.notOk(1007, "Invalid symbol");
        }
        Integer qty = JData.integer(JData.text(j, "qt"));
        if (!validQuantity(qty, instrument)) {
            return Replies.notOk(1009, "Invalid quantity");
        }
        BigDecimal price = JData.decimal(JData.text(j, "pr"));
        BigDecimal trigger = JData.decimal(JData.text(j, "tp"));
        MockResponse badPrice = checkPrices(priceType, price, trigger);
        if (badPrice != null) {
            return badPrice;
        }
        OrderRequest request = new OrderRequest(
                instrument,
                side,
                qty,
                priceType,
                price,
                trigger,
                product,
                validity,
                amo.equals("YES"),
                JData.text(j, "ig"));
        String ucc = account.user.ucc();
        if (rmsReject == null || rmsReject.delay().isZero()) {
            Order order = state.engine.place(ucc, request, rmsReject == null ? null : rmsReject.reason(), now);
            return accepted(order.orderNo);
        }
        // Acknowledged now, rejected by RMS later: until then the order waits in "validation pending".
        Order order = state.engine.receive(ucc, request, now);
        state.later(rmsReject.delay().toMillis(), () -> {
            if (Order.VALIDATION_PENDING.equals(order.status)) {
                state.engine.rmsReject(order, rmsReject.reason(), Instant.now());
            }
        });
        return accepted(order.orderNo);
    }

    MockResponse modify(Account account, String body, Instant now) {
        JData.Parsed parsed = JData.parse(body);
        if (parsed.failed()) {
            return parsed.error();
        }
        ObjectNode j = parsed.json();
        String orderNo = JData.text(j, "no");
        if (orderNo == null) {
            return Replies.notOk(1002, "Missing mandatory parameter: no");
        }
        MockResponse invalid = checkTrigger(j);
        if (invalid != null) {
            return invalid;
        }
        Order order = state.engine.find(account.user.ucc(), orderNo);
        MockResponse notWorking = notWorking(order, NOT_MODIFIABLE);
        if (notWorking != null) {
            return notWorking;
        }
        // Every field is optional on modify (v3 sends only a few); absent ones keep their value.
        int qty = order.qty;
        if (JData.text(j, "qt") != null) {
            Integer newQty = JData.integer(JData.text(j, "qt"));
            if (!validQuantity(newQty, order.instrument) || newQty <= order.filledQty) {
                return Replies.notOk(1009, "Invalid quantity");
            }
            qty = newQty;
        }
        String priceType = orDefault(JData.text(j, "pt"), order.priceType);
        if (!PRICE_TYPES.contains(priceType)) {
            return Replies.notOk(1002, "Invalid order type");
        }
        String validity = orDefault(JData.text(j, "vd"), order.validity);
        if (!VALIDITIES.contains(validity)) {
            return Replies.notOk(1002, "Invalid validity");
        }
        BigDecimal price = JData.text(j, "pr") == null ? order.price : JData.decimal(JData.text(j, "pr"));
        BigDecimal trigger = JData.text(j, "tp") == null ? order.triggerPrice : JData.decimal(JData.text(j, "tp"));
        MockResponse badPrice = checkPrices(priceType, price, trigger);
        if (badPrice != null) {
            return badPrice;
        }
        state.engine.modify(order, qty, priceType, price, trigger, validity, now);
        return accepted(order.orderNo);
    }

    MockResponse cancel(Account account, String body, Instant now) {
        JData.Parsed parsed = JData.parse(body);
        if (parsed.failed()) {
            return parsed.error();
        }
        String orderNo = JData.text(parsed.json(), "on");
        if (orderNo == null) {
            return Replies.notOk(1002, "Missing mandatory parameter: on");
        }
        Order order = state.engine.find(account.user.ucc(), orderNo);
        MockResponse notWorking = notWorking(order, NOT_FOUND);
        if (notWorking != null) {
            return notWorking;
        }
        state.engine.cancel(order, now);
        return accepted(order.orderNo);
    }

    MockResponse history(Account account, String body) {
        JData.Parsed parsed = JData.parse(body);
        if (parsed.failed()) {
            return parsed.error();
        }
        String orderNo = JData.text(parsed.json(), "nOrdNo");
        if (orderNo == null) {
            return Replies.notOk(1002, "Missing mandatory parameter: nOrdNo");
        }
        Order order = state.engine.find(account.user.ucc(), orderNo);
        if (order == null) {
            return Replies.notOk(1006, "Order not found");
        }
        ObjectNode response = Replies.okEnvelope("Ok");
        ArrayNode data = response.putArray("data");
        for (Order.Snapshot snapshot : order.history.reversed()) {
            data.add(BookRenderer.historyRow(order, snapshot));
        }
        return Replies.json(200, response);
    }

    /**
     * Null when the order may be modified/cancelled (open or trigger pending), else the answer Kotak gives: 1021 for a
     * complete order, 1006 "Order already cancelled or not found." for an order the account does not have, and 1006
     * with {@code notWorkingText} for one that is cancelled, rejected or not yet at the exchange.
     */
    private static MockResponse notWorking(Order order, String notWorkingText) {
        if (order == null) {
            return Replies.notOk(1006, NOT_FOUND);
        }
        if (Order.COMPLETE.equals(order.status)) {
            return Replies.orderCompleted();
        }
        if (!order.isWorking()) {
            return Replies.notOk(1006, notWorkingText);
        }
        return null;
    }

    /** openalgo found Kotak rejects "0.0" as a trigger price; "0" is the accepted spelling. */
    private static MockResponse checkTrigger(ObjectNode j) {
        if ("0.0".equals(JData.text(j, "tp"))) {
            return Replies.notOk(1002, "Invalid trigger price");
        }
        return null;
    }

    private static MockResponse checkPrices(String priceType, BigDecimal price, BigDecimal trigger) {
        if (price == null || price.signum() < 0) {
            return Replies.notOk(1002, "Invalid price");
        }
        if (trigger == null || trigger.signum() < 0) {
            return Replies.notOk(1002, "Invalid trigger price");
        }
        // The exchange would substitute a nonsense price for a zero limit, so Kotak refuses it.
        if ((priceType.equals("L") || priceType.equals("SL")) && price.signum() == 0) {
            return Replies.notOk(1002, "Invalid price");
        }
        if ((priceType.equals("SL") || priceType.equals("SL-M")) && trigger.signum() == 0) {
            return Replies.notOk(1002, "Invalid trigger price");
        }
        return null;
    }

    /** {@code qt} is in units and must be a whole number of lots. */
    private static boolean validQuantity(Integer qty, Instrument instrument) {
        return qty != null && qty > 0 && qty % instrument.lotSize == 0;
    }

    private static MockResponse accepted(String orderNo) {
        ObjectNode body = Json.object();
        body.put("nOrdNo", orderNo);
        body.put("stat", "Ok");
        body.put("stCode", 200);
        return Replies.json(200, body);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
