package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.broker.BrokerException;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.Holding;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.Limits;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Position;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Quote;
import dev.neoagent.domain.QuoteKey;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Trade;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parses the real/constructed responses of kotak-neo-examples.md as they come on the wire. */
class KotakMapperTest {

    @Test
    void orderBookWithMixedTypes() {
        List<Order> orders = KotakMapper.orders(Examples.json("order-book"));
        assertThat(orders).hasSize(2);

        Order idea = orders.get(0);
        assertThat(idea.orderId()).isEqualTo(new BrokerOrderId("250122000612876"));
        assertThat(idea.symbol().value()).isEqualTo("IDEA-EQ");
        assertThat(idea.segment()).isEqualTo(Segment.NSE_CM);
        assertThat(idea.token()).contains(new InstrumentToken("14366"));
        assertThat(idea.side()).isEqualTo(Side.BUY);
        assertThat(idea.type()).isEqualTo(OrderType.LIMIT);
        assertThat(idea.product()).isEqualTo(Product.NRML);
        assertThat(idea.price()).isEqualByComparingTo("9.39");
        assertThat(idea.quantity()).isEqualTo(1);
        assertThat(idea.pendingQuantity()).isEqualTo(1);
        assertThat(idea.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(idea.tag()).isEmpty();
        assertThat(idea.rejectReason()).isEmpty(); // "--"
        assertThat(idea.time()).contains(LocalDateTime.of(2025, 1, 22, 14, 28, 1));

        Order rejected = orders.get(1);
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.rejectReason()).contains("RMS:Margin Exceeds");
        assertThat(rejected.tag()).contains(new OrderTag("mytag1"));
        assertThat(rejected.quantity()).isEqualTo(65);
    }

    @Test
    void orderHistoryNewestFirstWithStraySpacesInTimes() {
        List<Order> states = KotakMapper.orders(Examples.json("order-history"));
        assertThat(states).extracting(Order::statusText).containsExactly("complete", "put order req received");
        assertThat(states.get(0).averagePrice()).isEqualByComparingTo("9.39");
        assertThat(states.get(0).filledQuantity()).isEqualTo(1);
    }

    @Test
    void tradeBookWithLowercaseOkAndEmptyToken() {
        List<Trade> trades = KotakMapper.trades(Examples.json("trade-book"));
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.orderId().value()).isEqualTo("250122000624384");
            assertThat(t.fillId()).isEqualTo("208109719");
            assertThat(t.quantity()).isEqualTo(1);
            assertThat(t.price()).isEqualByComparingTo("9.39");
            assertThat(t.time()).contains(LocalDateTime.of(2025, 1, 22, 14, 33, 1));
        });
    }

    @Test
    void positionsWithStringQuantities() {
        List<Position> positions = KotakMapper.positions(Examples.json("positions"));
        Position tcs = positions.get(0);
        assertThat(tcs.symbol().value()).isEqualTo("TCS26JULFUT");
        assertThat(tcs.netQuantity()).isEqualTo(225);
        assertThat(tcs.lotSize()).isEqualTo(225);
        assertThat(tcs.averageBuyPrice()).isEqualByComparingTo("2112.00");
        Position axis = positions.get(1);
        assertThat(axis.segment()).isEqualTo(Segment.NSE_CM);
        assertThat(axis.token()).isEmpty();
        assertThat(axis.netQuantity()).isEqualTo(9);
    }

    @Test
    void holdingsUseRealJsonNumbersWithoutLosingPrecision() {
        List<Holding> holdings = KotakMapper.holdings(Examples.json("holdings"));
        assertThat(holdings).singleElement().satisfies(h -> {
            assertThat(h.symbol()).isEqualTo("IDEA");
            assertThat(h.token()).contains(new InstrumentToken("14366"));
            assertThat(h.quantity()).isEqualTo(35);
            assertThat(h.averagePrice()).isEqualTo(new BigDecimal("9.5699"));
            assertThat(h.marketValue()).isEqualTo(new BigDecimal("327.6"));
        });
    }

    @Test
    void limitsAreAFlatObjectOfStrings() {
        Limits limits = KotakMapper.limits(Examples.json("limits"));
        assertThat(limits.available()).isEqualTo(new BigDecimal("19.409999999999997"));
        assertThat(limits.marginUsed()).isEqualTo(new BigDecimal("18.78"));
        assertThat(limits.collateralValue()).isEqualTo(new BigDecimal("38.19"));
    }

    @Test
    void quotesAreMatchedByExchangeAndTokenNotPosition() {
        QuoteKey sensex = QuoteKey.index(Segment.BSE_CM, "SENSEX");
        QuoteKey hdfc = QuoteKey.token(Segment.NSE_CM, new InstrumentToken("1333"));
        List<Quote> quotes = KotakMapper.quotes(Examples.json("quotes"), List.of(sensex, hdfc));
        assertThat(quotes.get(0).key()).isEqualTo(sensex);
        assertThat(quotes.get(0).lastPrice()).isEqualTo(new BigDecimal("81809.3400"));
        assertThat(quotes.get(0).previousClose()).contains(new BigDecimal("81904.7000"));
        assertThat(quotes.get(0).updatedAt()).contains(Instant.ofEpochSecond(1757915078));
        assertThat(quotes.get(1).lastPrice()).isEqualTo(new BigDecimal("801.6000"));
    }

    @Test
    void aQuoteMissingFromTheAnswerIsNotSilentlyDropped() {
        assertThatThrownBy(() -> KotakMapper.quotes(Examples.json("quotes"), List.of(QuoteKey.NIFTY_50)))
                .isInstanceOf(BrokerException.UnexpectedResponse.class)
                .hasMessageContaining("nse_cm|Nifty 50");
    }

    @Test
    void scripMasterFilesArePickedByNameNotPosition() {
        var files = KotakMapper.scripMasterFiles(Examples.json("scrip-file-paths"));
        assertThat(files.files()).hasSize(7);
        assertThat(files.forSegment("nse_fo"))
                .map(URI::getPath)
                .hasValue("/wso2-scripmaster/v1/prod/2026-07-14/transformed/nse_fo.csv");
        assertThat(files.forSegment("nse_cm"))
                .map(URI::getPath)
                .hasValue("/wso2-scripmaster/v1/prod/2026-07-14/transformed-v1/nse_cm-v1.csv");
        assertThat(files.forSegment("nse_com")).isPresent();
        assertThat(files.forSegment("bse_fo"))
                .map(URI::getPath)
                .hasValue("/wso2-scripmaster/v1/prod/2026-07-14/transformed/bse_fo.csv");
    }

    @Test
    void unknownEnumCodesFailLoudly() {
        var row = Examples.JSON
                .createObjectNode()
                .put("nOrdNo", "1")
                .put("trdSym", "X-EQ")
                .put("exSeg", "nse_cm")
                .put("trnsTp", "Buy")
                .put("prod", "NRML")
                .put("prcTp", "L");
        var book = Examples.JSON.createObjectNode().put("stat", "Ok");
        book.putArray("data").add(row);
        assertThatThrownBy(() -> KotakMapper.orders(book))
                .isInstanceOf(BrokerException.UnexpectedResponse.class)
                .hasMessageContaining("unknown transaction type 'Buy'");
    }

    @Test
    void emptyBookAsNullData() {
        var book = Examples.JSON.createObjectNode().put("stat", "Ok").putNull("data");
        assertThat(KotakMapper.orders(book)).isEmpty();
    }

    @Test
    void bigNanosecondTimestampsStayExact() {
        // 19-digit updRecvTm must be read as a long, never through a double
        var node = Examples.json("order-book").get("data").get(0).get("updRecvTm");
        assertThat(node.isIntegralNumber()).isTrue();
        assertThat(node.longValue()).isEqualTo(1737536281933015920L);
    }
}
