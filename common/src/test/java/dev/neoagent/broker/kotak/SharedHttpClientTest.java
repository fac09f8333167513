package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.neoagent.broker.OrderFeedListener;
import dev.neoagent.domain.OrderUpdate;
import dev.neoagent.testing.FakeKotakServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The one HTTP client every user's adapter shares ({@link KotakNeoAdapter#newHttpClient()}), under many users. */
class SharedHttpClientTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * OkHttp reads an open websocket inside its connect call, so every open feed holds one of the dispatcher's places
     * for calls in progress: with OkHttp's default of 64, the 64th user's order feed never connected.
     */
    @Test
    void everyUsersOrderFeedConnectsOnTheSharedClient() {
        int users = 70;
        OkHttpClient shared = KotakNeoAdapter.newHttpClient();
        List<KotakNeoAdapter> adapters = new ArrayList<>();
        List<KotakOrderFeed> feeds = new ArrayList<>();
        try (FakeKotakServer server = FakeKotakServer.start()) {
            for (int i = 0; i < users; i++) {
                KotakNeoAdapter adapter =
                        FakeBroker.adapter(server.addUser("U" + i), FakeBroker.settings(server), shared);
                adapters.add(adapter);
                KotakOrderFeed feed = adapter.orderFeed(new Quiet(), OrderFeedSettings.defaults());
                feeds.add(feed);
                feed.start();
            }
            await().atMost(WAIT)
                    .until(() ->
                            feeds.stream().filter(KotakOrderFeed::isConnected).count() == users);
            assertThat(server.requestsTo("/realtime")).hasSize(users);
        } finally {
            feeds.forEach(KotakOrderFeed::close);
            adapters.forEach(KotakNeoAdapter::close);
            shared.dispatcher().executorService().shutdown();
            shared.connectionPool().evictAll();
        }
    }

    /**
     * A burst of 20 users' calls needs 20 connections at once; all of them stay for the next burst, which then opens
     * none (OkHttp's default pool kept 5, so each burst had 15 calls wait for a new connection).
     */
    @Test
    void theConnectionsOfABurstStayForTheNext() throws Exception {
        int calls = 20;
        AtomicReference<CountDownLatch> allArrived = new AtomicReference<>();
        OkHttpClient shared = KotakNeoAdapter.newHttpClient();
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    CountDownLatch burst = allArrived.get();
                    burst.countDown(); // every call is answered only once all 20 are in flight together
                    burst.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    return new MockResponse().setBody("ok");
                }
            });
            server.start();
            for (int burst = 0; burst < 2; burst++) {
                allArrived.set(new CountDownLatch(calls));
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    answers.add(callers.submit(() -> {
                        try (okhttp3.Response response = shared.newCall(new okhttp3.Request.Builder()
                                        .url(server.url("/x"))
                                        .build())
                                .execute()) {
                            return response.body().string();
                        }
                    }));
                }
                for (Future<String> answer : answers) {
                    assertThat(answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                            .isEqualTo("ok");
                }
                await().atMost(WAIT).until(() -> shared.connectionPool().idleConnectionCount() == calls);
            }
            assertThat(server.getRequestCount()).isEqualTo(2 * calls);
            assertThat(shared.connectionPool().connectionCount())
                    .as("the second burst reused the first one's connections")
                    .isEqualTo(calls);
        } finally {
            callers.shutdownNow();
            shared.dispatcher().executorService().shutdown();
            shared.connectionPool().evictAll();
        }
    }

    private static final class Quiet implements OrderFeedListener {
        @Override
        public void onOrder(OrderUpdate update) {}

        @Override
        public void onConnection(boolean connected) {}

        @Override
        public void onMalformed(String kind) {}
    }
}
