package dev.neoagent.broker.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agents on one paper account (a demo and a run on the same NEO_HOME, two demos): each has its
 * own book in memory, yet they never hand out the same order number or lose each other's orders.
 */
class PaperSharedAccountTest {
    private static final int ORDERS = 40;
    /** Generous: two JVMs start and fsync 80 saves on a busy 2-core machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoProcessesOnOneAccountNeverIssueTheSameOrderNumber() throws Exception {
        Path account = dir.resolve("u1");
        Path signals = Files.createDirectories(dir.resolve("signals"));
        List<String> names = List.of("a", "b");
        List<Process> children = new ArrayList<>();
        try {
            for (String name : names) {
                children.add(startWriter(account, signals, name));
            }
            // Both have loaded the (empty) account before either places an order.
            await().atMost(PATIENCE).until(() -> {
                for (int i = 0; i < names.size(); i++) {
                    assertThat(children.get(i).isAlive() || Files.exists(signals.resolve(names.get(i) + ".ready")))
                            .as("child %s died before it was ready:%n%s", names.get(i), log(names.get(i)))
                            .isTrue();
                }
                return names.stream().allMatch(name -> Files.exists(signals.resolve(name + ".ready")));
            });
            for (Process child : children) {
                go(child);
            }
            for (int i = 0; i < names.size(); i++) {
                Process child = children.get(i);
                assertThat(child.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                        .as("child %s finished:%n%s", names.get(i), log(names.get(i)))
                        .isTrue();
                assertThat(child.exitValue())
                        .as("child %s exit code:%n%s", names.get(i), log(names.get(i)))
                        .isZero();
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }

        JsonNode state = new ObjectMapper()
                .readTree(account.resolve(PaperStore.FILE_NAME).toFile());
        assertThat(elements(state, "orders").map(order -> order.get("orderId").asText()))
                .hasSize(2 * ORDERS)
                .doesNotHaveDuplicates();
        assertThat(state.get("lastOrderSequence").asLong()).isEqualTo(2 * ORDERS);
        assertThat(elements(state, "orders").map(order -> order.get("tag").asText()))
                .containsExactlyInAnyOrderElementsOf(tags(names));
        // every other order filled at once: their fill numbers are shared out as well
        assertThat(elements(state, "fills").map(fill -> fill.get("fillId").asText()))
                .hasSize(ORDERS)
                .doesNotHaveDuplicates();
        assertThat(state.get("lastFillSequence").asLong()).isEqualTo(ORDERS);
        assertThat(new PaperStore(account).load().orElseThrow().orders()).hasSize(2 * ORDERS);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoBrokersOnOneFolderInOneProcessTakeTurns() throws Exception {
        MutableClock clock = new MutableClock(TestInstruments.MORNING);
        PaperMarket market = new PaperMarket(PaperSettings.defaults(), new SplittableRandom(5), clock);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (PaperBroker first = open(market, clock);
                PaperBroker second = open(market, clock)) {
            CyclicBarrier go = new CyclicBarrier(2);
            Future<List<BrokerOrderId>> a = threads.submit(() -> placeAll(first, "a", go));
            Future<List<BrokerOrderId>> b = threads.submit(() -> placeAll(second, "b", go));
            // the market moves meanwhile: both brokers check their resting orders under the same lock
            Future<?> ticking = threads.submit(() -> IntStream.range(0, 500).forEach(i -> market.tick()));

            List<BrokerOrderId> ids = Stream.concat(
                            a.get(50, TimeUnit.SECONDS).stream(), b.get(50, TimeUnit.SECONDS).stream())
                    .toList();
            ticking.get(50, TimeUnit.SECONDS);

            assertThat(ids).hasSize(2 * ORDERS).doesNotHaveDuplicates();
            assertThat(first.orderBook()).extracting(Order::orderId).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(second.orderBook()).extracting(Order::orderId).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(first.tradeBook()).hasSize(ORDERS).isEqualTo(second.tradeBook());
            assertThat(new PaperStore(dir).load().orElseThrow().lastOrderSequence())
                    .isEqualTo(2 * ORDERS);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aBrokerCancelsAnOrderAnotherBrokerOnTheAccountPlaced() {
        MutableClock clock = new MutableClock(TestInstruments.MORNING);
        PaperMarket market = new PaperMarket(PaperSettings.defaults(), new SplittableRandom(5), clock);
        try (PaperBroker first = open(market, clock);
                PaperBroker second = open(market, clock)) {
            BrokerOrderId resting =
                    first.placeOrder(PaperAccountWriter.order("a1", 1)).orderId();

            second.cancelOrder(resting);

            assertThat(first.orderBook())
                    .singleElement()
                    .satisfies(order -> assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED));
            assertThat(first.placeOrder(PaperAccountWriter.order("a2", 2)).orderId())
                    .isNotEqualTo(resting);
        }
    }

    private PaperBroker open(PaperMarket market, MutableClock clock) {
        return new PaperBroker(
                "u1", market, new TestInstruments(), new PaperStore(dir), PaperSettings.defaults(), clock);
    }

    private static List<BrokerOrderId> placeAll(PaperBroker broker, String name, CyclicBarrier go) throws Exception {
        go.await(30, TimeUnit.SECONDS);
        List<BrokerOrderId> ids = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            ids.add(broker.placeOrder(PaperAccountWriter.order(name + i, i)).orderId());
        }
        return ids;
    }

    private Process startWriter(Path account, Path signals, String name) throws IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        PaperAccountWriter.class.getName(),
                        account.toString(),
                        signals.toString(),
                        name,
                        String.valueOf(ORDERS))
                .redirectErrorStream(true)
                .redirectOutput(logFile(name).toFile())
                .start();
    }

    /** The child blocks on its stdin until this line arrives. */
    private static void go(Process child) throws IOException {
        try (OutputStream stdin = child.getOutputStream()) {
            stdin.write('\n');
        }
    }

    private Path logFile(String name) {
        return dir.resolve("child-" + name + ".log");
    }

    private String log(String name) throws IOException {
        return Files.exists(logFile(name)) ? Files.readString(logFile(name)) : "(no output)";
    }

    private static List<String> tags(List<String> names) {
        return names.stream()
                .flatMap(name -> IntStream.range(0, ORDERS).mapToObj(i -> name + i))
                .toList();
    }

    private static Stream<JsonNode> elements(JsonNode state, String field) {
        return StreamSupport.stream(state.get(field).spliterator(), false);
    }
}
