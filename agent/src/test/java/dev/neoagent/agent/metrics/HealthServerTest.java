package dev.neoagent.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.config.ConfigException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class HealthServerTest {

    private final AgentMetrics metrics = new AgentMetrics();
    private final FakeHealthSource source =
            new FakeHealthSource().session("ITC2766", SessionState.ACTIVE).spot("NIFTY", Duration.ofMillis(812));
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HealthServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        metrics.close();
        http.close();
    }

    private HealthServer start() {
        server = HealthServer.start(HealthSettings.onPort(0), new HealthCheck(source, Duration.ofSeconds(5)), metrics)
                .orElseThrow();
        return server;
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void healthIs200AndUpWhenAllIsWell() throws Exception {
        start();

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("redis").get("reachable").asBoolean()).isTrue();
        assertThat(body.get("users").get("ITC2766").get("session").asText()).isEqualTo("ACTIVE");
        assertThat(body.get("spot").get("NIFTY").get("age_ms").asLong()).isEqualTo(812);
        assertThat(body.get("spot").get("NIFTY").get("fresh").asBoolean()).isTrue();
        assertThat(body.get("reasons")).isEmpty();
    }

    @Test
    void healthIs200AndDegradedForAStaleSpotInMarketHours() throws Exception {
        start();
        source.marketOpen = true;
        source.spot("NIFTY", Duration.ofSeconds(30));

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(body.get("spot").get("NIFTY").get("fresh").asBoolean()).isFalse();
        assertThat(body.get("reasons").get(0).asText())
                .isEqualTo("spot NIFTY is 30.0 s old (limit 5.0 s) while the market is open");
    }

    @Test
    void healthIs503AndDownWhenRedisIsUnreachable() throws Exception {
        start();
        source.redis = false;

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        assertThat(body.get("redis").get("reachable").asBoolean()).isFalse();

        source.redis = true;
        assertThat(get("/health").statusCode()).as("recovers with Redis").isEqualTo(200);
    }

    @Test
    void metricsServesThePrometheusTextFormat() throws Exception {
        start();
        metrics.requestServed("PLACE_SINGLE", "DONE");
        metrics.brokerCall("placeOrder", Duration.ofMillis(4), "ok");
        metrics.registerInFlight(() -> 1);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Scrape scrape = Scrape.parse(response.body());
        assertThat(scrape.valueOf("neo_requests_total", Map.of("type", "PLACE_SINGLE", "outcome", "DONE")))
                .isEqualTo(1.0);
        assertThat(scrape.valueOf("neo_broker_call_seconds_count", Map.of("call", "placeOrder", "result", "ok")))
                .isEqualTo(1.0);
        assertThat(scrape.valueOf("neo_inflight_requests")).isEqualTo(1.0);

        metrics.requestServed("PLACE_SINGLE", "DONE");
        assertThat(Scrape.parse(get("/metrics").body())
                        .valueOf("neo_requests_total", Map.of("type", "PLACE_SINGLE", "outcome", "DONE")))
                .as("each scrape is current")
                .isEqualTo(2.0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/", "/healthz", "/health/", "/health/x", "/metricsx", "/metrics/", "/HEALTH", "/favicon.ico"})
    void unknownPathsAre404(String path) throws Exception {
        start();

        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void aQueryStringIsIgnored() throws Exception {
        start();

        assertThat(get("/health?verbose=1").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyGetAndHeadAreAllowed() throws Exception {
        start();

        HttpResponse<String> post = send("POST", "/health");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(send("DELETE", "/metrics").statusCode()).isEqualTo(405);

        HttpResponse<String> head = send("HEAD", "/health");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        source.redis = false;
        assertThat(send("HEAD", "/health").statusCode()).isEqualTo(503);
    }

    @Test
    void offStartsNothing() {
        Optional<HealthServer> off = HealthServer.start(
                HealthSettings.from(Map.of("NEO_HTTP_PORT", "off")),
                new HealthCheck(source, Duration.ofSeconds(5)),
                metrics);

        assertThat(off).isEmpty();
    }

    @Test
    void bindsTo127001Only() throws Exception {
        start();

        assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(server.address().getAddress()).isEqualTo(HealthServer.BIND_ADDRESS);
        assertThat(server.port()).isPositive();

        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .filter(HealthServerTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), server.port()), 5_000))
                    .as("connecting through %s", external.get())
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aPortInUseIsAConfigErrorNamingTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, HealthServer.BIND_ADDRESS)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> HealthServer.start(
                            HealthSettings.onPort(port), new HealthCheck(source, Duration.ofSeconds(5)), metrics))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("NEO_HTTP_PORT: port " + port + " on 127.0.0.1 cannot be used");
        }
    }

    @Test
    void closeStopsListeningAndMayBeRepeated() throws Exception {
        start();
        int port = server.port();
        assertThat(get("/health").statusCode()).isEqualTo(200);

        server.close();
        server.close();

        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(HealthServer.BIND_ADDRESS, port), 5_000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static boolean isUp(NetworkInterface nif) {
        try {
            return nif.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
