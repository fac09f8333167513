package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.config.Secret;
import dev.neoagent.domain.MarketIndex;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SFeed decoder and control plane against bytes and JSON written by hand in this test from the reference's table
 * ({@code kotak-neo-streams.md} §A1), independent of the test kit's encoder.
 */
class KotakMarketFeedDecoderTest {
    private static final long LTT = 1_786_442_392L; // 2026-08-11, epoch seconds

    // ---------------------------------------------------------------- packets by hand

    /** Header (9): @0 u16 length, @2 u16 code, @4 i8 exchange, @5 u8 level, @6 auction, @7 seq, @8 bitmask_len. */
    private static ByteBuffer packet(int length, int code, int exchangeId, int level) {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) length).putShort((short) code).put((byte) exchangeId).put((byte) level);
        b.put((byte) 0).put((byte) 7).put((byte) 0);
        return b;
    }

    /** Index 7207 (87): @9 token, open, close, high, low, @29 value, @33 u64 ltt, ..., @66 char[21] name. */
    private static byte[] index(long token, int value, long ltt, String name) {
        ByteBuffer b = packet(87, 7207, 1, 0);
        b.putInt((int) token)
                .putInt(value - 500)
                .putInt(value - 1000)
                .putInt(value + 300)
                .putInt(value - 1200);
        b.putInt(value).putLong(ltt).putInt(value + 9000).putInt(value - 9000).putInt(125);
        b.putDouble(1.5e12).put((byte) 2).putInt(1);
        b.put(name.getBytes(StandardCharsets.US_ASCII));
        assertThat(b.position()).isLessThanOrEqualTo(87);
        return b.array();
    }

    /** Market picture, level 8 with 5 + 5 depth rows: @9 token ... @37 ltt, @69 ltp, @103 open_interest; rows @144. */
    private static byte[] marketPicture(int exchangeId, long token, int ltp, long oi, long ltt) {
        ByteBuffer b = packet(144 + 10 * 16, 7208, exchangeId, 8);
        b.putInt((int) token).putLong(10).putLong(20).putLong(30).putLong(ltt).putLong(ltt);
        b.putInt(ltp).putInt(ltp).putInt(ltp).putInt(ltp).putInt(ltp); // open close high low ltp (@69)
        b.putLong(75)
                .putInt(ltp)
                .putInt(ltp)
                .putInt(5)
                .putInt(5)
                .putShort((short) 0)
                .putInt(0);
        assertThat(b.position()).isEqualTo(103);
        b.putInt((int) oi);
        return b.array(); // the rest (traded value ... depth) zero: not read
    }

    /** Mini touch line (54): @9 token, @13 i64 ltt, @21 u32 ltp, @25 i64 ltq, @33 close ... */
    private static byte[] miniTouchLine(int exchangeId, long token, int ltp, long ltt) {
        ByteBuffer b = packet(54, 7208, exchangeId, 1);
        b.putInt((int) token).putLong(ltt).putInt(ltp).putLong(25).putInt(ltp);
        return b.array();
    }

    private static byte[] marketStatus(int exchangeId, int status) {
        ByteBuffer b = packet(16, 105, exchangeId, 0);
        b.putShort((short) status).put("OPEN".getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** The same bytes with another u16 length field. */
    private static byte[] withLength(byte[] packet, int length) {
        ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) length);
        return packet;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(
                java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    // ---------------------------------------------------------------- decoder

    @Test
    void readsAnIndexPacket() {
        assertThat(SFeedDecoder.decode(index(26000, 2_598_035, LTT, "Nifty 50")))
                .containsExactly(new SFeedPacket.IndexTick(1, 26000, "Nifty 50", 2_598_035, LTT));
    }

    @Test
    void splitsABatchByEachPacketsOwnLengthAndRoutesByLevel() {
        byte[] frame = concat(
                index(26009, 5_912_010, LTT, "Nifty Bank"),
                marketPicture(2, 58801, 9505, 1_234_500, LTT),
                miniTouchLine(1, 2885, 290_000, LTT),
                marketStatus(1, 2),
                packet(9, 6511, 5, 0).array(),
                packet(12, 104, 1, 0).array(),
                index(26000, 2_598_035, 0, "Nifty 50"));

        assertThat(SFeedDecoder.decode(frame))
                .containsExactly(
                        new SFeedPacket.IndexTick(1, 26009, "Nifty Bank", 5_912_010, LTT),
                        new SFeedPacket.Trade(2, 58801, 9505, 1_234_500, LTT),
                        new SFeedPacket.Trade(1, 2885, 290_000, -1, LTT),
                        new SFeedPacket.MarketStatus(1, 2),
                        new SFeedPacket.MarketStatus(5, 1),
                        new SFeedPacket.Ignored(104),
                        new SFeedPacket.IndexTick(1, 26000, "Nifty 50", 2_598_035, 0));
    }

    @Test
    void aMarketPictureIsKnownByItsLevelWhateverItsCode() {
        byte[] picture = marketPicture(2, 58801, 9505, 77, LTT);
        picture[2] = 0x34; // code 0x1234: not 7208
        picture[3] = 0x12;
        assertThat(SFeedDecoder.decode(picture)).containsExactly(new SFeedPacket.Trade(2, 58801, 9505, 77, LTT));
    }

    @Test
    void unsignedFieldsAreReadUnsigned() {
        byte[] picture = marketPicture(2, 0xFFFF_FFF0L, 9505, 0xFFFF_FFFEL, LTT);
        assertThat(SFeedDecoder.decode(picture))
                .containsExactly(new SFeedPacket.Trade(2, 0xFFFF_FFF0L, 9505, 0xFFFF_FFFEL, LTT));
    }

    @Test
    void aShortPacketWithAnHonestLengthIsTruncatedAndTheNextOneStillRead() {
        byte[] shortIndex = withLength(java.util.Arrays.copyOf(index(26000, 2_598_035, LTT, "Nifty 50"), 40), 40);
        byte[] shortPicture = withLength(java.util.Arrays.copyOf(marketPicture(2, 1, 1, 1, LTT), 100), 100);
        List<SFeedPacket> packets =
                SFeedDecoder.decode(concat(shortIndex, shortPicture, index(26000, 2_598_035, LTT, "Nifty 50")));
        assertThat(packets)
                .containsExactly(
                        new SFeedPacket.Malformed("truncated_packet"),
                        new SFeedPacket.Malformed("truncated_packet"),
                        new SFeedPacket.IndexTick(1, 26000, "Nifty 50", 2_598_035, LTT));
    }

    @Test
    void anUnknownCodeWithAnUnknownLevelIsReportedAndSkipped() {
        byte[] unknown = packet(20, 4242, 1, 0).array();
        assertThat(SFeedDecoder.decode(concat(unknown, index(26000, 100, LTT, "Nifty 50"))))
                .containsExactly(
                        new SFeedPacket.Malformed("unknown_message_code"),
                        new SFeedPacket.IndexTick(1, 26000, "Nifty 50", 100, LTT));
    }

    @Test
    void aLengthThatCannotBeTrueEndsTheFrame() {
        byte[] beyond = withLength(index(26000, 100, LTT, "Nifty 50"), 200);
        assertThat(SFeedDecoder.decode(beyond)).containsExactly(new SFeedPacket.Malformed("bad_length"));

        byte[] below = withLength(index(26000, 100, LTT, "Nifty 50"), 5);
        assertThat(SFeedDecoder.decode(concat(below, index(26009, 100, LTT, "Nifty Bank"))))
                .containsExactly(new SFeedPacket.Malformed("bad_length"));

        assertThat(SFeedDecoder.decode(concat(index(26000, 100, LTT, "Nifty 50"), new byte[] {87})))
                .containsExactly(
                        new SFeedPacket.IndexTick(1, 26000, "Nifty 50", 100, LTT),
                        new SFeedPacket.Malformed("bad_length"));
        assertThat(SFeedDecoder.decode(new byte[0])).isEmpty();
    }

    // ---------------------------------------------------------------- values

    @Test
    void pricesDivideByTheExchangeDivider() {
        assertThat(SFeedValues.price(2_598_035, 100)).isEqualByComparingTo("25980.35");
        assertThat(SFeedValues.price(259_803_500, 10_000)).isEqualByComparingTo("25980.35");
        assertThat(SFeedValues.price(833_456_700, 10_000_000)).isEqualByComparingTo("83.34567");
        assertThat(SFeedValues.price(2_598_035, 100)).isEqualTo(new BigDecimal("25980.35"));
    }

    @Test
    void tickTimeIsTheLttWhenPlausibleInAnyUnitElseTheReceiveTime() {
        Instant received = Instant.ofEpochSecond(LTT + 3);
        assertThat(SFeedValues.tickTime(LTT, received)).isEqualTo(Instant.ofEpochSecond(LTT));
        assertThat(SFeedValues.tickTime(LTT * 1000 + 250, received)).isEqualTo(Instant.ofEpochMilli(LTT * 1000 + 250));
        long nseSeconds = LTT - 315_532_800L;
        assertThat(SFeedValues.tickTime(nseSeconds, received)).isEqualTo(Instant.ofEpochSecond(LTT));
        assertThat(SFeedValues.tickTime(LTT - Duration.ofDays(3).toSeconds(), received))
                .as("a close from before a long weekend is still the broker's time")
                .isEqualTo(Instant.ofEpochSecond(LTT - Duration.ofDays(3).toSeconds()));

        assertThat(SFeedValues.tickTime(0, received)).isEqualTo(received);
        assertThat(SFeedValues.tickTime(-5, received)).isEqualTo(received);
        assertThat(SFeedValues.tickTime(LTT + 3600, received))
                .as("an hour ahead")
                .isEqualTo(received);
        assertThat(SFeedValues.tickTime(LTT - Duration.ofDays(30).toSeconds(), received))
                .isEqualTo(received);
        assertThat(SFeedValues.tickTime(Long.MAX_VALUE, received)).isEqualTo(received);
    }

    // ---------------------------------------------------------------- control plane

    @Test
    void theAuthFrameCarriesTheUccAndTheSid() throws Exception {
        String frame = SFeedControl.authFrame("AB123", Secret.of("sid-5a6b"), Instant.ofEpochMilli(1_786_442_392_000L));
        var json = KotakNeoAdapter.wireJson().readTree(frame);
        assertThat(json.path("user").asText()).isEqualTo("AB123");
        assertThat(json.path("auth").asText()).isEqualTo("sid-5a6b");
        assertThat(json.path("format").asText()).isEqualTo("native_batch");
        assertThat(json.path("source").asText()).isEqualTo("NEOTRADEAPI");
        assertThat(json.path("platform").asText()).isEqualTo("Web");
        assertThat(json.path("version").asText()).isEqualTo("1.2.3");
        assertThat(json.path("sdk_version").asInt()).isEqualTo(2);
        assertThat(json.path("conn_req_time").asLong()).isEqualTo(1_786_442_392_000L);
        assertThat(json.path("sessionValidation").isBoolean()).isTrue();
        assertThat(json.path("sessionValidation").asBoolean()).isFalse();
    }

    @Test
    void subscribesToBothIndicesByNameWithAnAck() {
        assertThat(SFeedControl.subscribeIndices(SFeedIndexTokens.subscription()))
                .isEqualTo("{\"event\":\"subscribeIndices\",\"inputtoken\":\"nse_cm|Nifty 50,nse_cm|Nifty Bank\","
                        + "\"ack_symbol\":true}");
    }

    @Test
    void readsTheProductionAuthReplyWithDividersByExchangeId() {
        String production = "{\"message_code\":1119,\"id\":\"SFD_CPROD_701\",\"version\":1,\"exchanges\":{"
                + "\"nse_cm\":{\"value\":1,\"divider\":100},\"nse_fo\":{\"value\":2,\"divider\":100},"
                + "\"cde_fo\":{\"value\":3,\"divider\":10000000},\"bse_cd\":{\"value\":7,\"divider\":10000000}}}";
        assertThat(SFeedControl.read(production))
                .isEqualTo(new SFeedControl.Reply.Authenticated(
                        1119, Map.of(1, 100L, 2, 100L, 3, 10_000_000L, 7, 10_000_000L)));
        assertThat(SFeedControl.read("{\"message_code\":1117,\"exchanges\":{\"mcx_fo\":{\"divider\":100},"
                        + "\"nse_cm\":{\"value\":1,\"divider\":0}}}"))
                .as("1117 accepted; id from the name when value is missing; a zero divider skipped")
                .isEqualTo(new SFeedControl.Reply.Authenticated(1117, Map.of(9, 100L)));
        assertThat(SFeedControl.read("{\"message_code\":1119,\"format\":\"native_fallback\",\"exchanges\":{}}"))
                .isEqualTo(new SFeedControl.Reply.Downgraded());
        assertThat(SFeedControl.read("{\"message_code\":1120,\"message\":\"Authentication failed\"}"))
                .isEqualTo(new SFeedControl.Reply.Refused());
    }

    @Test
    void readsBothShapesOfTheSubscribeAckAndOddText() {
        assertThat(SFeedControl.read("{\"message_code\":1109,\"message\":\"Subscribed\","
                        + "\"trading_symbols\":{\"nse_cm|26000\":\"Nifty 50\"}}"))
                .isEqualTo(new SFeedControl.Reply.SubscribeAck(Map.of("nse_cm|26000", "Nifty 50")));
        assertThat(SFeedControl.read("{\"message_code\":1109,\"error_code\":0,\"description\":\"SUBSCRIBED\","
                        + "\"data\":{\"nse_cm|1333\":{\"cas_status\":1,\"trading_symbols\":\"HDFCBANK-EQ\"}}}"))
                .isEqualTo(new SFeedControl.Reply.SubscribeAck(Map.of("nse_cm|1333", "HDFCBANK-EQ")));
        assertThat(SFeedControl.read("<html>502</html>")).isEqualTo(new SFeedControl.Reply.NotJson());
        assertThat(SFeedControl.read("{\"message_code\":7001}")).isEqualTo(new SFeedControl.Reply.Other("7001"));
        assertThat(SFeedControl.read("[1,2]")).isEqualTo(new SFeedControl.Reply.Other(null));
    }

    // ---------------------------------------------------------------- index tokens

    @Test
    void indexTokensComeFromNseDefaultsTheAckAndThePacketName() {
        SFeedIndexTokens tokens = new SFeedIndexTokens();
        assertThat(tokens.resolve(1, 26000, "")).contains(MarketIndex.NIFTY_50);
        assertThat(tokens.resolve(1, 26009, "")).contains(MarketIndex.NIFTY_BANK);
        assertThat(tokens.resolve(2, 26000, "")).as("other exchange").isEmpty();
        assertThat(tokens.resolve(1, 26037, "Nifty Fin Service")).isEmpty();

        tokens.learn(Map.of(
                "nse_cm|99926000", "NIFTY 50",
                "nse_cm|Nifty Bank", "Nifty Bank-IN",
                "nse_cm|99926017", "Nifty 500"));
        assertThat(tokens.resolve(1, 99926000, "")).contains(MarketIndex.NIFTY_50);
        assertThat(tokens.resolve(1, 99926017, "")).isEmpty();

        assertThat(tokens.resolve(1, 77, "Nifty Bank"))
                .as("learned from the name")
                .contains(MarketIndex.NIFTY_BANK);
        assertThat(tokens.resolve(1, 77, "")).contains(MarketIndex.NIFTY_BANK);

        assertThat(SFeedIndexTokens.byName(" NIFTY  BANK ")).contains(MarketIndex.NIFTY_BANK);
        assertThat(SFeedIndexTokens.byName("Nifty 50-IN")).contains(MarketIndex.NIFTY_50);
        assertThat(SFeedIndexTokens.byName("Nifty 500")).isEmpty();
        assertThat(SFeedIndexTokens.byName(null)).isEmpty();
    }
}
