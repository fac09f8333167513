package dev.neoagent.broker.kotak;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an SFeed binary frame into packets and reads each ({@code kotak-neo-streams.md} §A1): little-endian, packed,
 * a frame is a batch of packets each starting with its own u16 total length (counting itself), then a 9-byte header.
 * Index (7207) and market-status (105, 6511, 6521) packets are known by their code; every other data packet is
 * routed by its level, never by its code (a touch line comes as code 7208 level 4, but the reference warns codes
 * vary). Stateless and pure: bytes in, {@link SFeedPacket}s out, never an exception.
 */
final class SFeedDecoder {
    /** A packet whose length is consistent but too short for its layout. */
    static final String TRUNCATED_PACKET = "truncated_packet";
    /** A packet with neither a known code nor a known level. */
    static final String UNKNOWN_MESSAGE_CODE = "unknown_message_code";
    /** A length field that cannot be true: below the header, or past the end of the frame. */
    static final String BAD_LENGTH = "bad_length";

    static final int HEADER = 9;
    static final int INDEX_LENGTH = 87;
    static final int MINI_TOUCH_LINE_LENGTH = 54;
    static final int MARKET_PICTURE_FIXED = 144;
    static final int MARKET_STATUS_MIN = 11;

    static final int CODE_INDEX = 7207;
    static final int CODE_MARKET_STATUS = 105;
    static final int CODE_CAS = 104;
    static final int CODE_MARKET_OPEN = 6511;
    static final int CODE_MARKET_CLOSE = 6521;

    private static final int NAME_AT = 66;
    private static final int NAME_BYTES = 21;

    private SFeedDecoder() {}

    /**
     * The packets of one frame, in order. A bad length ends the frame (the next packet's start is unknown); any
     * other problem skips only its own packet.
     */
    static List<SFeedPacket> decode(byte[] frame) {
        ByteBuffer bytes = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        List<SFeedPacket> packets = new ArrayList<>();
        int at = 0;
        while (at < frame.length) {
            if (frame.length - at < 2) {
                packets.add(new SFeedPacket.Malformed(BAD_LENGTH));
                break;
            }
            int length = u16(bytes, at);
            if (length < HEADER || at + length > frame.length) {
                packets.add(new SFeedPacket.Malformed(BAD_LENGTH));
                break;
            }
            ByteBuffer packet = bytes.slice(at, length).order(ByteOrder.LITTLE_ENDIAN);
            packets.add(packet(packet, length));
            at += length;
        }
        return packets;
    }

    private static SFeedPacket packet(ByteBuffer p, int length) {
        int code = u16(p, 2);
        int exchangeId = p.get(4); // i8
        int level = p.get(5) & 0xff;
        return switch (code) {
            case CODE_INDEX -> length < INDEX_LENGTH ? truncated() : index(p, exchangeId);
            case CODE_MARKET_STATUS ->
                length < MARKET_STATUS_MIN ? truncated() : new SFeedPacket.MarketStatus(exchangeId, u16(p, 9));
            case CODE_MARKET_OPEN -> new SFeedPacket.MarketStatus(exchangeId, 1);
            case CODE_MARKET_CLOSE -> new SFeedPacket.MarketStatus(exchangeId, 2);
            case CODE_CAS -> new SFeedPacket.Ignored(code);
            default -> byLevel(p, length, exchangeId, level);
        };
    }

    private static SFeedPacket byLevel(ByteBuffer p, int length, int exchangeId, int level) {
        return switch (level) {
            case 1 -> length < MINI_TOUCH_LINE_LENGTH ? truncated() : miniTouchLine(p, exchangeId);
            case 2, 4, 8, 16 -> length < MARKET_PICTURE_FIXED ? truncated() : marketPicture(p, exchangeId);
            default -> new SFeedPacket.Malformed(UNKNOWN_MESSAGE_CODE);
        };
    }

    /** @9 u32 token, @29 i32 index_value, @33 u64 ltt, @66 char[21] name. */
    private static SFeedPacket index(ByteBuffer p, int exchangeId) {
        byte[] name = new byte[NAME_BYTES];
        p.get(NAME_AT, name);
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return new SFeedPacket.IndexTick(
                exchangeId,
                u32(p, 9),
                new String(name, 0, end, StandardCharsets.US_ASCII).strip(),
                p.getInt(29),
                p.getLong(33));
    }

    /** @9 u32 token, @37 i64 ltt, @69 u32 ltp, @103 u32 open_interest; depth rows after @144 are not read. */
    private static SFeedPacket marketPicture(ByteBuffer p, int exchangeId) {
        return new SFeedPacket.Trade(exchangeId, u32(p, 9), u32(p, 69), u32(p, 103), p.getLong(37));
    }

    /** @9 u32 token, @13 i64 ltt, @21 u32 ltp; no open interest. */
    private static SFeedPacket miniTouchLine(ByteBuffer p, int exchangeId) {
        return new SFeedPacket.Trade(exchangeId, u32(p, 9), u32(p, 21), -1, p.getLong(13));
    }

    private static SFeedPacket truncated() {
        return new SFeedPacket.Malformed(TRUNCATED_PACKET);
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xffff;
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }
}
