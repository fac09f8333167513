package dev.neoagent.testing;

import java.math.BigDecimal;

/** A validated place request (all wire strings already parsed). */
record OrderRequest(
        Instrument instrument,
        String side,
        int qty,
        String priceType,
        BigDecimal price,
        BigDecimal triggerPrice,
        String product,
        String validity,
        boolean amo,
        String tag) {}
