package dev.neoagent.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A record that exists is valid: impossible orders cannot be built at all. */
class OrderRequestTest {
    private static final TradingSymbol SYMBOL = new TradingSymbol("NIFTY26JAN26000CE");
    private static final OrderTag TAG = new OrderTag("C1L0S0");

    private static OrderRequest order(
            int qty, OrderType type, Optional<BigDecimal> price, Optional<BigDecimal> trigger) {
        return new OrderRequest(
                Segment.NSE_FO, SYMBOL, Side.BUY, qty, type, price, trigger, Product.NRML, Validity.DAY, TAG, false);
    }

    @Test
    void limitNeedsAPositivePrice() {
        assertThatThrownBy(() -> order(65, OrderType.LIMIT, Optional.empty(), Optional.empty()))
                .hasMessageContaining("price of a LIMIT order must be greater than 0");
        assertThatThrownBy(() -> order(65, OrderType.LIMIT, Optional.of(BigDecimal.ZERO), Optional.empty()))
                .hasMessageContaining("price of a LIMIT order must be greater than 0");
    }

    @Test
    void marketTakesNoPriceAndStopsNeedATrigger() {
        assertThatThrownBy(() -> order(65, OrderType.MARKET, Optional.of(BigDecimal.ONE), Optional.empty()))
                .hasMessageContaining("a MARKET order takes no price");
        assertThatThrownBy(() -> order(65, OrderType.STOP_MARKET, Optional.empty(), Optional.empty()))
                .hasMessageContaining("trigger price of a STOP_MARKET order");
    }

    @Test
    void quantityMustBePositive() {
        assertThatThrownBy(() -> order(0, OrderType.MARKET, Optional.empty(), Optional.empty()))
                .hasMessageContaining("quantity must be greater than 0");
    }

    @Test
    void tagsAreShortAndPlain() {
        assertThatThrownBy(() -> new OrderTag("has space")).hasMessageContaining("order tag");
        assertThatThrownBy(() -> new OrderTag("x".repeat(41))).hasMessageContaining("1-40 characters");
    }
}
