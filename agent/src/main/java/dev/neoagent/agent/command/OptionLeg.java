package dev.neoagent.agent.command;

import dev.neoagent.domain.Decimals;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Side;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One option leg as the UI wrote it (redis-contract.md §2.2), syntactically valid but not yet
 * resolved against the instrument master. {@code quantity} is in units.
 *
 * @param index position of the leg in the request, for messages and order tags
 */
public record OptionLeg(
        int index,
        String underlying,
        Product product,
        int quantity,
        Side side,
        LocalDate expiry,
        BigDecimal strike,
        String optionType,
        OrderType executionType,
        Optional<BigDecimal> limitPrice,
        Optional<BigDecimal> triggerPrice,
        Optional<String> instrumentToken,
        Optional<String> tradingSymbol) {

    /** How messages name this leg: {@code leg 1 (NIFTY 2026-01-27 26000 CE)}. */
    public String describe() {
        return "leg " + index + " (" + underlying + " " + expiry + " " + Decimals.plain(strike) + " " + optionType
                + ")";
    }
}
