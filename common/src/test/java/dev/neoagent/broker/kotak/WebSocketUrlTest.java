package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one https-to-wss conversion, which both feeds' URLs and NEO_FEED_URL's check go through. */
class WebSocketUrlTest {

    @Test
    void httpsBecomesWssHttpWsAndWebsocketUrlsStayWithTheSchemeInLowerCase() {
        assertThat(WebSocketUrl.of("https://e43rt.kotaksecurities.com/realtime"))
                .contains("wss://e43rt.kotaksecurities.com/realtime");
        assertThat(WebSocketUrl.of("HTTP://127.0.0.1:9/rt?x=Y")).contains("ws://127.0.0.1:9/rt?x=Y");
        assertThat(WebSocketUrl.of("wss://x/y")).contains("wss://x/y");
        assertThat(WebSocketUrl.of("WS://x")).contains("ws://x");
    }

    @Test
    void anyOtherSchemeOrNothingAfterTheSchemeIsNotAWebsocketUrl() {
        assertThat(WebSocketUrl.of("ftp://x/realtime")).isEmpty();
        assertThat(WebSocketUrl.of("https://")).isEmpty();
        assertThat(WebSocketUrl.of("x")).isEmpty();
        assertThat(WebSocketUrl.of(" https://x")).as("callers strip").isEmpty();
        assertThat(WebSocketUrl.accepts("HTTPS")).isTrue();
        assertThat(WebSocketUrl.accepts("ws")).isTrue();
        assertThat(WebSocketUrl.accepts("ftp")).isFalse();
        assertThat(WebSocketUrl.accepts(null)).isFalse();
    }
}
