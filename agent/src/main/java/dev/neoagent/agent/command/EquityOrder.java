package dev.neoagent.agent.command;

import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Side;
import java.math.BigDecimal;
import java.util.Optional;

/** An equity order as the UI wrote it (redis-contract.md §2.4): the bare symbol, shares, CNC or MIS. */
public record EquityOrder(
        String symbol,
        Optional<String> instrumentToken,
        Side side,
        int quantity,
        Product product,
        OrderType type,
        Optional<BigDecimal> price,
        Optional<BigDecimal> triggerPrice) {}
