package dev.neoagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.testing.TestCertificate;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedisEndpointTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            redis://127.0.0.1:6379/0                                   | 127.0.0.1 | 6379  | 0 | false | -        | 0
            redis://db                                                 | db        | 6379  | 0 | false | -        | 0
            rediss://redis.internal:6380/2                             | redis.internal | 6380 | 2 | true | - | 0
            rediss://redis.internal:6380/0?verifyPeer=CA               | redis.internal | 6380 | 0 | true | - | 0
            redis://neo:s3cret@db:6379/0                               | db        | 6379  | 0 | false | -        | 0
            redis-sentinel://s1:26379/0#mymaster                       | -         | 0     | 0 | false | mymaster | 1
            redis-sentinel://pw@s1:26379,s2:26380,s3/1#mymaster        | -         | 0     | 1 | false | mymaster | 3
            rediss-sentinel://user:pw@s1:26379,s2:26379/0#primary      | -         | 0     | 0 | true  | primary  | 2
            redis-sentinel://s1:26379?sentinelMasterId=mymaster        | -         | 0     | 0 | false | mymaster | 1
            REDIS://DB:6379/0                                          | db        | 6379  | 0 | false | -        | 0
            """)
    void readsTheUrlFormsAsLettuceDoes(
            String url, String host, int port, int database, boolean tls, String master, int sentinels) {
        assertThat(RedisEndpoint.urlProblem(URI.create(url))).isEmpty();

        RedisURI uri = RedisEndpoint.of(URI.create(url)).uri(Duration.ofSeconds(3));

        assertThat(uri.getTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(uri.getDatabase()).isEqualTo(database);
        assertThat(uri.isSsl()).isEqualTo(tls);
        assertThat(uri.getSentinels()).hasSize(sentinels);
        if (sentinels == 0) {
            assertThat(uri.getHost()).isEqualToIgnoringCase(host);
            assertThat(uri.getPort()).isEqualTo(port);
        } else {
            assertThat(uri.getSentinelMasterId()).isEqualTo(master);
        }
    }

    @Test
    void verifyPeerFromTheUrlIsHonoured() {
        assertThat(RedisEndpoint.of(URI.create("rediss://db:6380/0"))
                        .uri(Duration.ofSeconds(1))
                        .getVerifyMode())
                .isEqualTo(SslVerifyMode.FULL);
        assertThat(RedisEndpoint.of(URI.create("rediss://db:6380/0?verifyPeer=ca"))
                        .uri(Duration.ofSeconds(1))
                        .getVerifyMode())
                .isEqualTo(SslVerifyMode.CA);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://db:6379                           | is not a redis://, rediss://, redis-sentinel:// or rediss-sentinel:// URL
            redis-cluster://db:6379                  | is not a redis://, rediss://, redis-sentinel:// or rediss-sentinel:// URL
            redis:db                                 | has no valid host name
            redis://redis_1:6379                     | has no valid host name
            redis://db:6379/x                        | has a bad database number (the path is /0, /1, ...)
            redis-sentinel://s1:26379/0              | names no master: end it with #<master name>, e.g. redis-sentinel://host:26379/0#mymaster
            redis-sentinel://s1:26379,:26379/0#m     | has a sentinel address without a host (":26379")
            redis-sentinel://s1:26379,s2:x/0#m       | has a sentinel address with a bad port ("s2:x")
            redis-sentinel://s1:99999/0#m            | has a sentinel address with a bad port ("s1:99999")
            rediss://db:6380/0?verifyPeer=NONE       | turns TLS certificate checks off (verifyPeer=NONE), which is not allowed; to trust a private CA set NEO_REDIS_CA_FILE to its PEM file instead
            rediss://db:6380/0?verifyPeer=maybe      | has verifyPeer=maybe: it is FULL (the default) or CA
            """)
    void namesWhatIsWrongWithAUrl(String url, String problem) {
        assertThat(RedisEndpoint.urlProblem(URI.create(url))).contains(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            redis://:hunter2@db:6379/0                         | redis://:****@db:6379/0
            redis://neo:hunter2@db:6379                        | redis://neo:****@db:6379
            rediss://hunter2@db:6379                           | rediss://****@db:6379
            redis-sentinel://hunter2@s1:26379,s2:26379/0#m     | redis-sentinel://****@s1:26379,s2:26379/0#m
            rediss-sentinel://neo:hunter2@s1,s2:26380/0#m      | rediss-sentinel://neo:****@s1,s2:26380/0#m
            redis://neo:hun@ter2@db:6379                       | redis://neo:****@db:6379
            redis://db:6379/0                                  | redis://db:6379/0
            """)
    void redactsThePasswordInEveryForm(String url, String shown) {
        assertThat(RedisEndpoint.redact(url)).isEqualTo(shown);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "redis://neo:hunter2@db:6379/x",
                "redis-sentinel://hunter2@s1:26379,s2:x/0#m",
                "redis-sentinel://neo:hunter2@s1:26379/0",
                "rediss://neo:hunter2@db/0?verifyPeer=NONE"
            })
    void aBadUrlIsRefusedWithThePasswordMasked(String url) {
        assertThatThrownBy(() -> RedisEndpoint.of(URI.create(url)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("****@")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void reasonsAreOneLineWithThePasswordMaskedAndSayWhatToDo() {
        RedisEndpoint plain = RedisEndpoint.of(URI.create("redis://neo:hunter%2B2@db:6379/0"));
        RedisEndpoint tls = RedisEndpoint.of(URI.create("rediss://db:6380/0"));

        assertThat(plain.reason(new RedisConnectionException(
                        "Unable to connect", new ConnectException("Connection refused: /10.0.0.1:6379"))))
                .isEqualTo("Connection refused: /10.0.0.1:6379");
        assertThat(plain.reason(new RedisConnectionException(
                        "Unable to connect",
                        new RedisCommandExecutionException(
                                "WRONGPASS invalid username-password pair or user is disabled."))))
                .isEqualTo("WRONGPASS invalid username-password pair or user is disabled."
                        + " (check the user name and password in the Redis URL)");
        assertThat(plain.reason(new RedisCommandExecutionException("ERR echo hunter+2 and hunter%2B2")))
                .isEqualTo("ERR echo **** and ****");
        assertThat(tls.reason(new RedisConnectionException(
                        "Unable to connect",
                        new SSLHandshakeException("PKIX path building failed")
                                .initCause(new CertificateException(
                                        "PKIX path building failed",
                                        new CertPathBuilderException(
                                                "unable to find valid certification path\nto requested target"))))))
                .isEqualTo("TLS: the server's certificate is not trusted (unable to find valid certification path to"
                        + " requested target); set NEO_REDIS_CA_FILE (--redis-ca-file) to the PEM file of the CA"
                        + " that signed it");
        assertThat(tls.reason(new RedisConnectionException(
                        "Unable to connect",
                        new SSLHandshakeException("handshake")
                                .initCause(new CertificateException(
                                        "No subject alternative names matching IP address 10.0.0.1 found")))))
                .startsWith("TLS: the server's certificate does not name the host connected to (No subject")
                .endsWith("add ?verifyPeer=CA to the URL to check the CA only");
    }

    @Test
    void aCaFileMustHoldACertificateAndGoWithTls() throws Exception {
        Path ca = TestCertificate.create(dir, "ca").certificate();
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path key = Files.writeString(
                dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThat(RedisEndpoint.caFileProblem(ca)).isEmpty();
        assertThat(RedisEndpoint.caFileProblem(dir.resolve("missing.pem"))).contains("does not exist");
        assertThat(RedisEndpoint.caFileProblem(empty))
                .contains("holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        assertThat(RedisEndpoint.caFileProblem(key)).contains("holds no PEM certificate (-----BEGIN CERTIFICATE-----)");

        RedisEndpoint endpoint = new RedisEndpoint(URI.create("rediss://db:6380/0"), Optional.of(ca));
        ClientOptions options = ClientOptions.create();
        assertThat(endpoint.clientOptions(options).getSslOptions()).isNotSameAs(options.getSslOptions());
        assertThat(RedisEndpoint.of(URI.create("rediss://db:6380/0")).clientOptions(options))
                .as("without a CA file: the JVM's trust store, lettuce's default")
                .isSameAs(options);
        assertThat(endpoint.toString()).isEqualTo("RedisEndpoint[rediss://db:6380/0, CA " + ca + "]");
        assertThatThrownBy(() -> new RedisEndpoint(URI.create("redis://db:6379/0"), Optional.of(ca)))
                .hasMessage("Redis CA file \"" + ca + "\" is set, but the Redis URL is not rediss:// or"
                        + " rediss-sentinel://, so no certificate would be checked");
    }

    /** A client whose connects fail as given, in turn, counting the attempts. */
    private static final class FailingClient extends io.lettuce.core.RedisClient {
        final java.util.Deque<RuntimeException> failures;
        int attempts;

        FailingClient(RuntimeException... failures) {
            super(io.lettuce.core.resource.ClientResources.create(), new RedisURI());
            this.failures = new java.util.ArrayDeque<>(java.util.List.of(failures));
        }

        @Override
        public io.lettuce.core.api.StatefulRedisConnection<String, String> connect(RedisURI uri) {
            attempts++;
            throw failures.isEmpty() ? new IllegalStateException("no more attempts expected") : failures.poll();
        }
    }

    private static RedisConnectionException lettuceLostTheReason() {
        return new RedisConnectionException(
                "Unable to connect to 127.0.0.1/<unresolved>:6379",
                new IllegalStateException("RedisHandshakeHandler not registered"));
    }

    @Test
    void aHandshakeFailureWhoseReasonLettuceLostIsTriedAgainForTheServersAnswer() {
        RedisConnectionException wrongPassword = new RedisConnectionException(
                "Unable to connect",
                new RedisCommandExecutionException("WRONGPASS invalid username-password pair or user is disabled."));
        FailingClient client = new FailingClient(lettuceLostTheReason(), wrongPassword);
        try {
            assertThatThrownBy(() -> RedisEndpoint.connect(client, RedisURI.create("redis://127.0.0.1:6379/0")))
                    .isSameAs(wrongPassword);
            assertThat(client.attempts).isEqualTo(2);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void anyOtherConnectFailureIsNotTriedAgainAndTheRaceIsTriedAtMostThreeTimes() {
        RedisConnectionException refused =
                new RedisConnectionException("Unable to connect", new ConnectException("Connection refused"));
        FailingClient once = new FailingClient(refused);
        FailingClient racing =
                new FailingClient(lettuceLostTheReason(), lettuceLostTheReason(), lettuceLostTheReason());
        try {
            assertThatThrownBy(() -> RedisEndpoint.connect(once, RedisURI.create("redis://127.0.0.1:6379/0")))
                    .isSameAs(refused);
            assertThat(once.attempts).isEqualTo(1);
            assertThatThrownBy(() -> RedisEndpoint.connect(racing, RedisURI.create("redis://127.0.0.1:6379/0")))
                    .hasRootCauseMessage("RedisHandshakeHandler not registered");
            assertThat(racing.attempts).isEqualTo(3);
        } finally {
            once.shutdown();
            racing.shutdown();
        }
    }
}
