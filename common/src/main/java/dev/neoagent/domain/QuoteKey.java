package dev.neoagent.domain;

/**
 * What to quote: an instrument by token, one of the agent's {@link MarketIndex indices}, or another index by the
 * name its exchange gives it. How a broker spells each on the wire is the broker adapter's business.
 */
public sealed interface QuoteKey {
    QuoteKey NIFTY_50 = new Index(MarketIndex.NIFTY_50);
    QuoteKey NIFTY_BANK = new Index(MarketIndex.NIFTY_BANK);

    /** An instrument of a segment, by token ({@code nse_fo} 58801). */
    record Instrument(Segment segment, InstrumentToken token) implements QuoteKey {
        public Instrument {
            Checks.nonNull(segment, "segment");
            Checks.nonNull(token, "token");
        }
    }

    /** One of the indices the agent keeps the spot of. */
    record Index(MarketIndex index) implements QuoteKey {
        public Index {
            Checks.nonNull(index, "index");
        }

        @Override
        public String toString() {
            return index.exchangeName();
        }
    }

    /** Any other index, by its exact, case-sensitive name on its segment. */
    record OtherIndex(Segment segment, String name) implements QuoteKey {
        public OtherIndex {
            Checks.nonNull(segment, "segment");
            Checks.nonBlank(name, "name");
            if (name.contains("|") || name.contains(",") || name.contains("/")) {
                throw new IllegalArgumentException("index name '" + name + "' contains | , or /");
            }
        }
    }

    static QuoteKey token(Segment segment, InstrumentToken token) {
        return new Instrument(segment, token);
    }

    static QuoteKey index(Segment segment, String name) {
        return new OtherIndex(segment, name);
    }
}
