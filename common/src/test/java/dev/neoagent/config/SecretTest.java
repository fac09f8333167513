package dev.neoagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void revealReturnsTheValue() {
        assertThat(Secret.of("s3cr3t-value").reveal()).isEqualTo("s3cr3t-value");
    }

    @Test
    void toStringNeverShowsTheValueOrAPrefix() {
        Secret secret = Secret.of("s3cr3t-value");

        assertThat(secret.toString()).isEqualTo("****");
        assertThat(String.valueOf(secret)).doesNotContain("s3");
        assertThat("key=" + secret).isEqualTo("key=****");
    }

    @Test
    void emptySecretAlsoPrintsAsMask() {
        assertThat(Secret.of("")).hasToString("****");
    }

    @Test
    void equalsAndHashCodeAreByValue() {
        assertThat(Secret.of("abc")).isEqualTo(Secret.of("abc")).hasSameHashCodeAs(Secret.of("abc"));
        assertThat(Secret.of("abc")).isNotEqualTo(Secret.of("abd")).isNotEqualTo("abc");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
    }
}
