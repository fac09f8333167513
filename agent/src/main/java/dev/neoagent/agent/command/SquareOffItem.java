package dev.neoagent.agent.command;

import dev.neoagent.domain.Side;
import java.util.Optional;

/** One position to close (redis-contract.md §2.5): token, units, the closing side, and the symbol shown. */
public record SquareOffItem(
        int index, String instrumentToken, int quantity, Side side, Optional<String> tradingSymbol) {}
