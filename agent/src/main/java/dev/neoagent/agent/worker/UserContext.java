package dev.neoagent.agent.worker;

import dev.neoagent.agent.order.OrderExecutor;
import dev.neoagent.agent.order.OrderManager;
import dev.neoagent.agent.order.RiskGuard;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.config.RiskLimits;

/** Everything that belongs to one served user. */
public record UserContext(
        String uid,
        BrokerAdapter broker,
        RiskLimits risk,
        RiskGuard riskGuard,
        OrderExecutor executor,
        OrderManager manager) {}
