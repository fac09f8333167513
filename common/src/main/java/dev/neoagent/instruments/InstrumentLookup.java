package dev.neoagent.instruments;

import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.TradingSymbol;
import java.util.Optional;

/** Finds loaded contracts; the agent's implementation reads the instrument hashes in Redis. */
public interface InstrumentLookup {

    Optional<InstrumentMeta> byToken(Segment segment, InstrumentToken token);

    /** Trade-book rows carry no token, only the trading symbol. */
    Optional<InstrumentMeta> byTradingSymbol(TradingSymbol symbol);
}
