package dev.neoagent.broker.kotak;

/**
 * One packet of an SFeed binary frame, as {@link SFeedDecoder} read it: raw wire numbers, prices still multiplied by
 * their exchange's divider (the connection knows the dividers, the decoder does not).
 */
sealed interface SFeedPacket {

    /** An index tick (code 7207). {@code ltt} is the raw u64 last-trade time, unit unknown (see {@link SFeedValues}). */
    record IndexTick(int exchangeId, long token, String name, long value, long ltt) implements SFeedPacket {}

    /**
     * A scrip's last trade: from a market picture (levels 2, 4, 8, 16), which carries the open interest, or a mini
     * touch line (level 1), which does not ({@code openInterest} -1).
     */
    record Trade(int exchangeId, long token, long ltp, long openInterest, long ltt) implements SFeedPacket {}

    /** Market status: {@code status} 1 open, 2 close, 3-12 pre-open, CAS, closing (code 105, or 6511 / 6521). */
    record MarketStatus(int exchangeId, int status) implements SFeedPacket {}

    /** A packet of a known kind the agent does not use (CAS, code 104). */
    record Ignored(int messageCode) implements SFeedPacket {}

    /** Input that could not be read; {@code kind} is one of {@link SFeedDecoder}'s fixed names. */
    record Malformed(String kind) implements SFeedPacket {}
}
