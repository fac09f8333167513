package dev.neoagent.broker.paper;

import static dev.neoagent.broker.paper.TestInstruments.NIFTY_CE;
import static dev.neoagent.broker.paper.TestInstruments.RELIANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.neoagent.broker.BrokerException;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Validity;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PaperStoreTest {
    private static final LocalDateTime TEN = LocalDateTime.of(2026, 1, 20, 10, 0, 5);

    @TempDir
    Path dir;

    private static PaperBook sampleBook() {
        BrokerOrderId id = new BrokerOrderId("260120000000001");
        PaperOrder received = new PaperOrder(
                id,
                new OrderTag("c1L0S0"),
                NIFTY_CE,
                Side.BUY,
                Product.NRML,
                OrderType.LIMIT,
                Validity.DAY,
                65,
                new BigDecimal("120.50"),
                new BigDecimal("0.00"),
                0,
                new BigDecimal("0.00"),
                new BigDecimal("7832.50"),
                OrderStatus.PENDING,
                PaperOrder.RECEIVED,
                Optional.empty(),
                TEN);
        PaperOrder open = received.withState(PaperOrder.OPEN, TEN);
        PaperOrder filled = open.filled(new BigDecimal("120.50"), TEN.plusSeconds(1));
        BrokerOrderId second = new BrokerOrderId("260120000000002");
        PaperOrder rejected = new PaperOrder(
                        second,
                        new OrderTag("c2L0S0"),
                        RELIANCE,
                        Side.SELL,
                        Product.MIS,
                        OrderType.MARKET,
                        Validity.IOC,
                        3,
                        new BigDecimal("0.00"),
                        new BigDecimal("0.00"),
                        0,
                        new BigDecimal("0.00"),
                        BigDecimal.ZERO,
                        OrderStatus.PENDING,
                        PaperOrder.RECEIVED,
                        Optional.empty(),
                        TEN)
                .rejected("RMS:Margin Exceeds", TEN);
        return PaperBook.empty(new BigDecimal("1000000"))
                .withNewOrder(received)
                .withState(open)
                .withFill(new PaperFill(
                        id,
                        "00000001",
                        new OrderTag("c1L0S0"),
                        NIFTY_CE,
                        Side.BUY,
                        Product.NRML,
                        65,
                        new BigDecimal("120.50"),
                        TEN.plusSeconds(1)))
                .withState(filled)
                .withNewOrder(rejected);
    }

    @Test
    void aSavedBookReadsBackEqual() {
        PaperStore store = new PaperStore(dir.resolve("u1"));
        PaperBook book = sampleBook();

        store.save(book);

        assertThat(store.load()).contains(book);
        assertThat(new PaperStore(dir.resolve("u1")).load()).contains(book);
    }

    @Test
    void theFileIsVersionedReadableJsonAndNoTemporaryFileStays() throws IOException {
        PaperStore store = new PaperStore(dir);
        store.save(sampleBook());
        store.save(sampleBook());

        String json = Files.readString(dir.resolve("paper-state.json"));
        assertThat(json)
                .contains(
                        "\"version\" : 1",
                        "\"capital\" : \"1000000\"",
                        "\"tsym\" : \"NIFTY26JAN26000CE\"",
                        "\"status\" : \"put order req received\"",
                        "\"rejectReason\" : \"RMS:Margin Exceeds\"");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("paper-state.json");
        }
    }

    @Test
    void aStoreReReadsTheFileOnlyWhenAnotherWriterSavedIt() {
        PaperStore mine = new PaperStore(dir);
        PaperStore theirs = new PaperStore(dir);
        assertThat(mine.reloadIfChanged()).isEmpty();

        mine.save(sampleBook());
        assertThat(mine.reloadIfChanged()).as("its own save").isEmpty();

        PaperBook longer = sampleBook()
                .withState(sampleBook()
                        .current(new BrokerOrderId("260120000000001"))
                        .orElseThrow());
        theirs.save(longer);
        assertThat(mine.reloadIfChanged()).contains(longer);
        assertThat(mine.reloadIfChanged()).as("read once").isEmpty();

        // even the same content saved again is a new file
        theirs.save(longer);
        assertThat(mine.reloadIfChanged()).contains(longer);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aSecondStoreOnTheFolderWaitsForTheLock() throws Exception {
        PaperStore first = new PaperStore(dir);
        PaperStore second = new PaperStore(dir);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        Thread holder = Thread.ofPlatform()
                .start(() -> first.locked(() -> {
                    holding.countDown();
                    awaitQuietly(release);
                    return null;
                }));
        holding.await();

        Thread waiter = Thread.ofPlatform().start(() -> second.locked(() -> secondRan.getAndSet(true)));
        await().atMost(Duration.ofSeconds(20)).until(() -> waiter.getState() == Thread.State.WAITING);
        assertThat(secondRan).isFalse();

        release.countDown();
        holder.join(20_000);
        waiter.join(20_000);
        assertThat(secondRan).isTrue();
        assertThat(dir.resolve("paper-state.json.lock")).exists();
        // nested on one thread: the file lock is not taken twice (that would throw)
        assertThat(first.locked(() -> second.locked(() -> "nested"))).isEqualTo("nested");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aNewAccountHasNoFile() {
        assertThat(new PaperStore(dir.resolve("nobody")).load()).isEmpty();
    }

    @Test
    void anUnreadableFileStopsTheAccountInsteadOfStartingAFreshOne() throws IOException {
        Files.writeString(dir.resolve("paper-state.json"), "{\"version\": 1, \"capital\": ");
        assertThatThrownBy(() -> new PaperStore(dir).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.resolve("paper-state.json").toString())
                .hasMessageContaining("move it away");

        Files.writeString(
                dir.resolve("paper-state.json"), "{\"version\": 2, \"capital\": \"5\", \"orders\": [], \"fills\": []}");
        assertThatThrownBy(() -> new PaperStore(dir).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unsupported version 2");
    }

    @Test
    void aFailedSaveChangesNothingAndSaysSo() throws IOException {
        MutableClock clock = new MutableClock(TestInstruments.MORNING);
        PaperMarket market = new PaperMarket(PaperSettings.defaults(), new SplittableRandom(1), clock);
        try (PaperBroker broker = new PaperBroker(
                "u1", market, new TestInstruments(), new PaperStore(dir), PaperSettings.defaults(), clock)) {
            // a non-empty folder where the file should go: the atomic move fails
            Files.createDirectories(dir.resolve("paper-state.json").resolve("blocker"));

            assertThatThrownBy(() -> broker.placeOrder(OrderRequest.market(
                            Segment.NSE_FO,
                            NIFTY_CE.tradingSymbol(),
                            Side.BUY,
                            65,
                            Product.NRML,
                            new OrderTag("c1L0S0"))))
                    .isInstanceOf(BrokerException.Transient.class)
                    .hasMessageContaining("nothing was changed");

            assertThat(broker.orderBook()).isEmpty();
            assertThat(broker.tradeBook()).isEmpty();
            assertThat(broker.limits().available()).isEqualByComparingTo("1000000");
        }
    }

    @Test
    void anAccountThatCannotBeLockedChangesNothingAndSaysSo() throws IOException {
        MutableClock clock = new MutableClock(TestInstruments.MORNING);
        PaperMarket market = new PaperMarket(PaperSettings.defaults(), new SplittableRandom(1), clock);
        try (PaperBroker broker = new PaperBroker(
                "u1", market, new TestInstruments(), new PaperStore(dir), PaperSettings.defaults(), clock)) {
            // a folder where the lock file should go: it cannot be opened
            Files.createDirectories(dir.resolve("paper-state.json.lock"));

            assertThatThrownBy(() -> broker.placeOrder(OrderRequest.market(
                            Segment.NSE_FO,
                            NIFTY_CE.tradingSymbol(),
                            Side.BUY,
                            65,
                            Product.NRML,
                            new OrderTag("c1L0S0"))))
                    .isInstanceOf(BrokerException.Transient.class)
                    .hasMessageContaining("could not be locked, nothing was changed");

            assertThat(broker.orderBook()).isEmpty();
            assertThat(dir.resolve("paper-state.json")).doesNotExist();
        }
    }
}
