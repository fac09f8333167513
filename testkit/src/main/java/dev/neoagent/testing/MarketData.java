package dev.neoagent.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/** Instruments, index values and scrip-master files of the fake. Guarded by the server lock. */
final class MarketData {
    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
    private final Map<String, IndexQuote> indices = new LinkedHashMap<>();
    /** File name → content; served as clones, which share okio segments instead of copying. */
    private final Map<String, Buffer> scripFiles = new HashMap<>();

    Instrument addInstrument(
            String segment, String token, String tradingSymbol, int lotSize, BigDecimal ltp, Instant now) {
        Instrument instrument = new Instrument(segment, token, tradingSymbol, lotSize, ltp, now);
        instruments.put(instrument.key(), instrument);
        return instrument;
    }

    Instrument instrument(String segment, String token) {
        return instruments.get(Instrument.key(segment, token));
    }

    Instrument bySymbol(String segment, String tradingSymbol) {
        for (Instrument instrument : instruments.values()) {
            if (instrument.segment.equals(segment) && instrument.tradingSymbol.equals(tradingSymbol)) {
                return instrument;
            }
        }
        return null;
    }

    /** Tokens are only unique per segment, so a bare token may name several instruments. */
    List<Instrument> byToken(String token) {
        List<Instrument> found = new ArrayList<>();
        for (Instrument instrument : instruments.values()) {
            if (instrument.token.equals(token)) {
                found.add(instrument);
            }
        }
        return found;
    }

    void setIndex(String segment, String name, BigDecimal ltp, Instant now) {
        IndexQuote existing = indices.get(Instrument.key(segment, name));
        if (existing == null) {
            indices.put(Instrument.key(segment, name), new IndexQuote(segment, name, ltp, now));
        } else {
            existing.setLtp(ltp, now);
        }
    }

    IndexQuote index(String segment, String name) {
        return indices.get(Instrument.key(segment, name));
    }

    void setScripFile(String fileName, byte[] content) {
        scripFiles.put(fileName, new Buffer().write(content));
    }

    /** A fresh read-only view of the file, or null when the test never set it. */
    Buffer scripFile(String fileName) {
        Buffer content = scripFiles.get(fileName);
        return content == null ? null : content.clone();
    }
}
