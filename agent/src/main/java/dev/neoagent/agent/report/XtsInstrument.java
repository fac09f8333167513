package dev.neoagent.agent.report;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.OptionType;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.instruments.InstrumentLookup;
import dev.neoagent.instruments.InstrumentMeta;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one broker row is named in the XTS-era files the UI reads.
 *
 * <p>The UI takes the strike from the trailing digits of {@code TradingSymbol} and the option type
 * from {@code (CE|PE)} in it, so options must be written in the XTS display form
 * ({@code NIFTY 27JAN2026 CE 26000}); that needs the contract from the instrument lookup. When the
 * lookup does not know the contract the Kotak symbol is written instead: the row still prices in
 * QuestDB and can be squared off by token, only the payoff chart skips it.
 *
 * @param displayName XTS display form, or the Kotak trading symbol when the contract is unknown
 * @param token       the instrument token ({@code ExchangeInstrumentId}), when known
 * @param optionType  {@code CE} or {@code PE}; empty for cash and futures
 */
record XtsInstrument(String displayName, Optional<InstrumentToken> token, Optional<String> optionType) {
    private static final Logger LOG = LoggerFactory.getLogger(XtsInstrument.class);

    /**
     * Resolves a row by its token when it has one, else by its trading symbol.
     *
     * <p>A token from the broker row always wins: it is what square-off sends back to the broker, so
     * it is never replaced by a token found through the symbol. A contract found through the symbol
     * is used only if it is in the row's segment, because the same text can name different
     * instruments on different exchanges. A failing lookup (e.g. Redis unreachable) degrades the row
     * to the Kotak symbol rather than losing the whole report.
     */
    static XtsInstrument resolve(
            InstrumentLookup lookup, Segment segment, Optional<InstrumentToken> token, TradingSymbol symbol) {
        Optional<InstrumentMeta> meta;
        try {
            meta = token.isPresent()
                    ? lookup.byToken(segment, token.get())
                    : lookup.byTradingSymbol(symbol).filter(m -> m.segment() == segment);
        } catch (RuntimeException e) {
            LOG.warn(
                    "instrument lookup failed for a {} report row, writing the broker symbol instead: {}",
                    InstrumentKeys.segmentCode(segment),
                    e.toString());
            meta = Optional.empty();
        }
        if (meta.isPresent()) {
            InstrumentMeta m = meta.get();
            return new XtsInstrument(
                    m.xtsDisplayName(),
                    token.or(() -> Optional.of(m.token())),
                    m.optionType().map(OptionType::name));
        }
        return new XtsInstrument(symbol.value(), token, optionTypeFromSymbol(segment, symbol));
    }

    /**
     * Kotak option symbols end in CE/PE ({@code NIFTY26JAN26000CE}). Only derivative segments are
     * read this way: a cash symbol ending in those letters is not an option.
     */
    private static Optional<String> optionTypeFromSymbol(Segment segment, TradingSymbol symbol) {
        if (segment == Segment.NSE_CM || segment == Segment.BSE_CM) {
            return Optional.empty();
        }
        String s = symbol.value();
        if (s.endsWith("CE")) {
            return Optional.of("CE");
        }
        return s.endsWith("PE") ? Optional.of("PE") : Optional.empty();
    }

    String tokenText() {
        return token.map(InstrumentToken::value).orElse("");
    }

    String optionTypeText() {
        return optionType.orElse("");
    }
}
