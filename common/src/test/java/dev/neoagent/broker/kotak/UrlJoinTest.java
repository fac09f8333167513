package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlJoinTest {
    @Test
    void keepsAPathPrefixOfTheBaseUrl() {
        assertThat(UrlJoin.join("https://neo-gw.kotaksecurities.com/xyz", "/quick/user/orders"))
                .isEqualTo("https://neo-gw.kotaksecurities.com/xyz/quick/user/orders");
        assertThat(UrlJoin.join("https://neo-gw.kotaksecurities.com/xyz/", "/quick/user/orders"))
                .isEqualTo("https://neo-gw.kotaksecurities.com/xyz/quick/user/orders");
    }

    @Test
    void plainHostBaseUrl() {
        assertThat(UrlJoin.join("https://e43.kotaksecurities.com", "/quick/order/rule/ms/place"))
                .isEqualTo("https://e43.kotaksecurities.com/quick/order/rule/ms/place");
    }

    @Test
    void quotePathPartsAreEncodedLikeTheV2Sdk() {
        assertThat(KotakPublicApi.encodePathPart("nse_cm|Nifty 50")).isEqualTo("nse_cm%7CNifty%2050");
        assertThat(KotakPublicApi.encodePathPart("nse_fo|58801")).isEqualTo("nse_fo%7C58801");
    }
}
