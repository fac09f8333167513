package dev.neoagent.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes SFeed binary packets byte for byte from the layout table of {@code kotak-neo-streams.md} §A1: little-endian,
 * packed, each packet starting with its own u16 total length. Written for the fake alone: the production decoder
 * ({@code broker.kotak}) is separate, so a test decoding these bytes checks one reading of the table against another.
 */
final class FeedPackets {
    static final int HEADER = 9;
    static final int INDEX_LENGTH = 87;
    static final int MARKET_PICTURE_FIXED = 144;
    static final int DEPTH_ROW = 16;
    static final int MARKET_STATUS_LENGTH = 16;

    static final int CODE_INDEX = 7207;
    static final int CODE_MARKET_PICTURE = 7208;
    static final int CODE_MARKET_STATUS = 105;
    /** Level of a touch-line market picture (subscribeScrips): exactly one bid and one ask row. */
    static final int LEVEL_TOUCH_LINE = 4;

    private static final int NAME_BYTES = 21;

    private FeedPackets() {}

    /** An index packet (code 7207, 87 bytes); prices already multiplied by the exchange's divider. */
    static byte[] index(int exchangeId, long token, int value, int close, long ltt, String name) {
        ByteBuffer b = packet(INDEX_LENGTH, CODE_INDEX, exchangeId, 0);
        b.putInt(9, (int) token); // u32 token
        b.putInt(13, value); // open
        b.putInt(17, close); // close
        b.putInt(21, Math.max(value, close)); // high
        b.putInt(25, Math.min(value, close)); // low
        b.putInt(29, value); // index_value (LTP)
        b.putLong(33, ltt); // u64 ltt
        b.putInt(41, Math.max(value, close)); // yearly_high
        b.putInt(45, Math.min(value, close)); // yearly_low
        b.putInt(49, 0); // net_chg%
        b.putDouble(53, 0.0); // mcap
        b.put(61, (byte) 2); // precision
        b.putInt(62, 1); // multiplier
        byte[] text = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(text.length, NAME_BYTES); i++) {
            b.put(66 + i, text[i]); // char[21], NUL-padded
        }
        return b.array();
    }

    /** A touch-line market picture (level 4, one bid and one ask row around {@code ltp}); prices scaled. */
    static byte[] marketPicture(int exchangeId, long token, int ltp, long openInterest, long ltt) {
        int length = MARKET_PICTURE_FIXED + 2 * DEPTH_ROW;
        ByteBuffer b = packet(length, CODE_MARKET_PICTURE, exchangeId, LEVEL_TOUCH_LINE);
        b.putInt(9, (int) token); // u32 token
        b.putLong(13, 1_000); // tbq
        b.putLong(21, 1_200); // tsq
        b.putLong(29, 50_000); // volume
        b.putLong(37, ltt); // ltt
        b.putLong(45, ltt); // last_update
        b.putInt(53, ltp); // open
        b.putInt(57, ltp); // close
        b.putInt(61, ltp); // high
        b.putInt(65, ltp); // low
        b.putInt(69, ltp); // ltp
        b.putLong(73, 75); // ltq
        b.putInt(81, ltp); // avg
        b.putInt(85, ltp); // ind_close
        b.putInt(89, 1); // buy_rows
        b.putInt(93, 1); // sell_rows
        b.putShort(97, (short) 0); // trading_status
        b.putInt(99, 0); // net_chg%
        b.putInt(103, (int) openInterest); // u32 open_interest
        b.putDouble(107, 0.0); // traded_value
        b.putInt(115, 0); // net_chg
        b.putInt(119, ltp); // ucl
        b.putInt(123, ltp); // lcl
        b.putInt(127, ltp); // yh
        b.putInt(131, ltp); // yl
        b.putInt(135, 75); // lot
        b.put(139, (byte) 2); // precision
        b.putInt(140, 1); // multiplier
        depthRow(b, MARKET_PICTURE_FIXED, 300, ltp - 5, 3); // the bid
        depthRow(b, MARKET_PICTURE_FIXED + DEPTH_ROW, 450, ltp + 5, 4); // the ask
        return b.array();
    }

    /** A market-status packet (code 105, 16 bytes): 1 open, 2 close, 3-12 pre-open, CAS, closing. */
    static byte[] marketStatus(int exchangeId, int status) {
        ByteBuffer b = packet(MARKET_STATUS_LENGTH, CODE_MARKET_STATUS, exchangeId, 0);
        b.putShort(9, (short) status); // u16 status
        byte[] text = (status == 1 ? "OPEN" : "CLOSE").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(text.length, 5); i++) {
            b.put(11 + i, text[i]); // char[5]
        }
        return b.array();
    }

    /** A packet of {@code length} bytes carrying only a header (the rest zero), for malformed input. */
    static byte[] headerOnly(int length, int declaredLength, int code, int exchangeId, int level) {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        writeHeader(b, declaredLength, code, exchangeId, level);
        return b.array();
    }

    /** The packets laid end to end: one binary frame. */
    static byte[] batch(byte[]... packets) {
        int total = 0;
        for (byte[] packet : packets) {
            total += packet.length;
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        for (byte[] packet : packets) {
            out.put(packet);
        }
        return out.array();
    }

    private static ByteBuffer packet(int length, int code, int exchangeId, int level) {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        writeHeader(b, length, code, exchangeId, level);
        return b;
    }

    private static void writeHeader(ByteBuffer b, int length, int code, int exchangeId, int level) {
        b.putShort(0, (short) length); // u16 length, counting itself
        b.putShort(2, (short) code); // u16 message_code
        b.put(4, (byte) exchangeId); // i8 exchange_id
        b.put(5, (byte) level); // u8 level
        b.put(6, (byte) 0); // u8 auction
        b.put(7, (byte) 0); // u8 seq
        b.put(8, (byte) 0); // u8 bitmask_len
    }

    private static void depthRow(ByteBuffer b, int at, long qty, int price, int orders) {
        b.putLong(at, qty);
        b.putInt(at + 8, price);
        b.putInt(at + 12, orders);
    }
}
