package dev.neoagent.agent.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyspaceNotificationsTest {

    /** The agent adds what it needs and keeps what another client had configured. */
    @ParameterizedTest
    @CsvSource(value = {"'', Kh$", "Ex, ExKh$", "KEA, KEA", "Kh, Kh$", "AKE, AKE", "Kg$, Kg$h"})
    void addsKeyspaceHashAndStringEventsToTheExistingFlags(String current, String expected) {
        assertThat(KeyspaceNotifications.union(current, "Kh$")).isEqualTo(expected);
    }
}
