package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.broker.kotak.OrderFeedHandshake.Form;
import dev.neoagent.broker.kotak.OrderFeedMessages.Inbound;
import dev.neoagent.config.Secret;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The order feed's pieces on their own: URL, handshake forms, message reading, log throttle. */
class KotakOrderFeedPartsTest {

    private static KotakSession session(String baseUrl, String rtUrl) {
        return new KotakSession(
                Secret.of("tok.en.x"),
                Secret.of("sid-1"),
                baseUrl,
                Optional.ofNullable(rtUrl),
                Instant.EPOCH,
                Optional.empty());
    }

    // ---- URL ----

    @Test
    void theFeedIsAtRealtimeOnTheBaseUrlsHostWithoutItsPathPrefix() {
        assertThat(session("https://e43.kotaksecurities.com/gw/e43/", null).orderFeedUrl())
                .isEqualTo("wss://e43.kotaksecurities.com/realtime");
        assertThat(session("http://127.0.0.1:4711/gw/e43", null).orderFeedUrl())
                .isEqualTo("ws://127.0.0.1:4711/realtime");
    }

    @Test
    void anRtUrlFromValidateWinsWithItsSchemeMappedAndANonsenseOneIsIgnored() {
        assertThat(session("https://e43.kotaksecurities.com/gw", "https://e43rt.kotaksecurities.com/realtime")
                        .orderFeedUrl())
                .isEqualTo("wss://e43rt.kotaksecurities.com/realtime");
        assertThat(session("https://h/gw", "HTTP://127.0.0.1:9/rt").orderFeedUrl())
                .isEqualTo("ws://127.0.0.1:9/rt");
        assertThat(session("https://h/gw", "wss://x/realtime").orderFeedUrl()).isEqualTo("wss://x/realtime");
        assertThat(session("https://h/gw", "ftp://x/realtime").orderFeedUrl()).isEqualTo("wss://h/realtime");
        assertThat(session("https://h/gw", "x").rtUrl()).isEmpty();
    }

    // ---- handshake ----

    @Test
    void theHandshakeFramesInBothForms() {
        KotakSession s = session("https://h", null);
        assertThat(Form.JSON.frame(s))
                .isEqualTo("{\"type\":\"cn\",\"Authorization\":\"tok.en.x\",\"Sid\":\"sid-1\",\"src\":\"WEB\"}");
        assertThat(Form.RAW.frame(s)).isEqualTo("{type:cn,Authorization:tok.en.x,Sid:sid-1,src:WEB}");
        assertThat(Form.JSON.heartbeat()).isEqualTo("{\"type\":\"hb\"}");
        assertThat(Form.RAW.heartbeat()).isEqualTo("{type:hb}");
    }

    @Test
    void jsonFirstThenRawAtOnceThenBackOffAndTheAnsweredFormIsRemembered() {
        OrderFeedHandshake handshake = new OrderFeedHandshake();
        assertThat(handshake.next()).isEqualTo(Form.JSON);
        assertThat(handshake.unanswered(Form.JSON))
                .as("try the other form at once")
                .isTrue();
        assertThat(handshake.next()).isEqualTo(Form.RAW);
        assertThat(handshake.unanswered(Form.RAW))
                .as("both unanswered: back off")
                .isFalse();
        assertThat(handshake.next()).isEqualTo(Form.JSON);

        assertThat(handshake.unanswered(Form.JSON)).isTrue();
        handshake.answered(Form.RAW);
        assertThat(handshake.remembered()).isEqualTo(Form.RAW);
        assertThat(handshake.next()).isEqualTo(Form.RAW);
        assertThat(handshake.unanswered(Form.RAW))
                .as("the server changed its mind: try JSON")
                .isTrue();
        assertThat(handshake.next()).isEqualTo(Form.JSON);
        assertThat(handshake.unanswered(Form.JSON)).isFalse();
        assertThat(handshake.next())
                .as("a new round starts with the remembered form")
                .isEqualTo(Form.RAW);
    }

    // ---- messages ----

    private final OrderFeedMessages messages = new OrderFeedMessages();

    @Test
    void acksOrdersPartialsAndOtherTypes() {
        assertThat(messages.read("{\"ak\":\"ok\",\"task\":\"cn\",\"type\":\"cn\",\"msg\":\"connected\"}"))
                .isEqualTo(new Inbound.Ack(true));
        assertThat(messages.read("{\"ak\":\"nk\",\"type\":\"cn\",\"msg\":\"Authentication Failed\"}"))
                .isEqualTo(new Inbound.Ack(false));
        assertThat(messages.read("{\"type\":\"order\",\"data\":{\"ordSt\":\"rejected\",\"nOrdNo\":\"250720000007242\","
                        + "\"ordValDt\":\"NA\",\"strategyCode\":\"NA\",\"hsUpTm\":\"2026/01/02 10:00:00\"}}"))
                .isEqualTo(new Inbound.Update(new OrderUpdate.Partial(
                        new BrokerOrderId("250720000007242"), OrderStatus.REJECTED, "rejected")));
        assertThat(messages.read("{\"type\":\"position\",\"data\":{}}")).isEqualTo(new Inbound.Ignored("position"));
        assertThat(messages.read("{\"type\":\"hb\"}")).isEqualTo(new Inbound.Ignored("hb"));
    }

    @Test
    void aFullOrderFrameIsMappedLikeAnOrderBookRow() {
        String frame = "{\"type\":\"order\",\"data\":{\"nOrdNo\":\"250720000007242\",\"exOrdId\":\"1100000001\","
                + "\"ordSt\":\"complete\",\"avgPrc\":\"120.50\",\"qty\":65,\"fldQty\":65,\"unFldSz\":0,\"trnsTp\":\"B\","
                + "\"prcTp\":\"MKT\",\"prod\":\"NRML\",\"exSeg\":\"nse_fo\",\"sym\":\"NIFTY\","
                + "\"trdSym\":\"NIFTY2692221000PE\",\"tok\":\"56526\",\"ordDtTm\":\"02-Jan-2026 10:00:00\","
                + "\"updRecvTm\":1767328200000000000,\"prc\":\"0.00\",\"trgPrc\":\"0.00\",\"rejRsn\":\"--\","
                + "\"GuiOrdId\":\"cmd9-0\"}}";
        Inbound read = messages.read(frame);
        assertThat(read).isInstanceOf(Inbound.Update.class);
        OrderUpdate update = ((Inbound.Update) read).update();
        assertThat(update).isInstanceOf(OrderUpdate.Full.class);
        var order = ((OrderUpdate.Full) update).order();
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(order.filledQuantity()).isEqualTo(65);
        assertThat(order.averagePrice()).isEqualByComparingTo("120.50");
        assertThat(order.tag().orElseThrow().value()).isEqualTo("cmd9-0");
        assertThat(order.rejectReason()).isEmpty();
    }

    @Test
    void unreadableInputHasAShortFixedKindAndNeverTheFrameInItsDetail() {
        List<String> kinds = new ArrayList<>();
        for (String frame : List.of(
                "secret-looking text",
                "[1,2]",
                "{\"data\":{}}",
                "{\"type\":\"order\"}",
                "{\"type\":\"order\",\"data\":{\"ordSt\":\"open\"}}",
                "{\"type\":\"order\",\"data\":{\"nOrdNo\":\"1\",\"trdSym\":\"X\",\"exSeg\":\"nse_fo\"}}")) {
            Inbound read = messages.read(frame);
            assertThat(read).isInstanceOf(Inbound.Malformed.class);
            Inbound.Malformed malformed = (Inbound.Malformed) read;
            assertThat(malformed.detail()).doesNotContain("secret-looking");
            kinds.add(malformed.kind());
        }
        assertThat(kinds)
                .containsExactly(
                        "not_json", "not_json", "no_type", "unreadable_order", "unreadable_order", "unreadable_order");
    }

    // ---- log throttle ----

    @Test
    void oneLogLinePerKeyPerInterval() {
        AtomicLong now = new AtomicLong();
        LogThrottle throttle = new LogThrottle(Duration.ofMinutes(1), now::get);
        assertThat(throttle.shouldLog("not_json")).isTrue();
        assertThat(throttle.shouldLog("not_json")).isFalse();
        assertThat(throttle.shouldLog("no_type")).isTrue();
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(throttle.shouldLog("not_json")).isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(throttle.shouldLog("not_json")).isTrue();
    }
}
