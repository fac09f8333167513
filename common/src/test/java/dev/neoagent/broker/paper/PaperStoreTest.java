package dev.neoagent.broker.paper;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static dev.neoagent.broker.paper.TestInstruments.NIFTY_CE;
import static dev.neoagent.broker.paper.TestInstruments.RELIANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaperStoreTest {
    private static final LocalDateTime TEN = LocalDateTime.of(2026, 1, 20, 10, 0, 5);

    @TempDir
    Path dir;

    private static PaperBook sampleBook() {
        BrokerOrderId id = new BrokerOrderId("260120000000001");
        PaperOrder received = new PaperOrder(id, new OrderTag("c1L0S0"), NIFTY_CE, Side.BUY, Product.NRML,
                OrderType.LIMIT, Validity.DAY, 65, new BigDecimal("120.50"), new BigDecimal("0.00"), 0,
                new BigDecimal("0.00"), new BigDecimal("7832.50"), OrderStatus.PENDING, PaperOrder.RECEIVED,
                Optional.empty(), TEN);
        PaperOrder open = received.withState(PaperOrder.OPEN, TEN);
        PaperOrder filled = open.filled(new BigDecimal("120.50"), TEN.plusSeconds(1));
        BrokerOrderId second = new BrokerOrderId("260120000000002");
        PaperOrder rejected = new PaperOrder(second, new OrderTag("c2L0S0"), RELIANCE, Side.SELL, Product.MIS,
                OrderType.MARKET, Validity.IOC, 3, new BigDecimal("0.00"), new BigDecimal("0.00"), 0,
                new BigDecimal("0.00"), BigDecimal.ZERO, OrderStatus.PENDING, PaperOrder.RECEIVED, Optional.empty(), TEN)
                .rejected("RMS:Margin Exceeds", TEN);
        return PaperBook.empty(new BigDecimal("1000000"))
                .withNewOrder(received).withState(open)
                .withFill(new PaperFill(id, "00000001", new OrderTag("c1L0S0"), NIFTY_CE, Side.BUY, Product.NRML, 65,
                        new BigDecimal("120.50"), TEN.plusSeconds(1)))
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
        assertThat(json).contains("\"version\" : 1", "\"capital\" : \"1000000\"", "\"tsym\" : \"NIFTY26JAN26000CE\"",
                "\"status\" : \"put order req received\"", "\"rejectReason\" : \"RMS:Margin Exceeds\"");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("paper-state.json");
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

        Files.writeString(dir.resolve("paper-state.json"), "{\"version\": 2, \"capital\": \"5\", \"orders\": [], \"fills\": []}");
        assertThatThrownBy(() -> new PaperStore(dir).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unsupported version 2");
    }

    @Test
    void aFailedSaveChangesNothingAndSaysSo() throws IOException {
        MutableClock clock = new MutableClock(TestInstruments.MORNING);
        PaperMarket market = new PaperMarket(PaperSettings.defaults(), new SplittableRandom(1), clock);
        try (PaperBroker broker = new PaperBroker("u1", market, new TestInstruments(), new PaperStore(dir),
                PaperSettings.defaults(), clock)) {
            // a non-empty folder where the file should go: the atomic move fails
            Files.createDirectories(dir.resolve("paper-state.json").resolve("blocker"));

            assertThatThrownBy(() -> broker.placeOrder(OrderRequest.market(Segment.NSE_FO, NIFTY_CE.tradingSymbol(),
                    Side.BUY, 65, Product.NRML, new OrderTag("c1L0S0"))))
                    .isInstanceOf(BrokerException.Transient.class)
                    .hasMessageContaining("nothing was changed");

            assertThat(broker.orderBook()).isEmpty();
            assertThat(broker.tradeBook()).isEmpty();
            assertThat(broker.limits().available()).isEqualByComparingTo("1000000");
        }
    }
}
