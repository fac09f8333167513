package dev.neoagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentConfigTest {

    @Test
    void defaults() {
        AgentConfig config = AgentConfig.from(Map.of());

        assertThat(config.redisUrl()).isEqualTo(URI.create("redis://127.0.0.1:6379/0"));
        assertThat(config.home()).isEqualTo(Path.of("./neo-home"));
        assertThat(config.loginUrl()).isEqualTo(URI.create("https://mis.kotaksecurities.com"));
        assertThat(config.uids()).isEmpty();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.requestsPerSecond()).isEqualTo(10);
    }

    @Test
    void blankValuesMeanDefaultAndUnrelatedKeysAreIgnored() {
        Map<String, String> values = new HashMap<>();
        for (Setting setting : AgentConfig.SETTINGS) {
            values.put(setting.envVar(), " ");
        }
        values.put("PATH", "/usr/bin");

        assertThat(AgentConfig.from(values)).isEqualTo(AgentConfig.from(Map.of()));
    }

    @Test
    void overrides() {
        AgentConfig config = AgentConfig.from(Map.of(
                "NEO_REDIS_URL", "rediss://redis.internal:6380/2",
                "NEO_HOME", "/srv/neo",
                "NEO_LOGIN_URL", "http://localhost:8089//",
                "NEO_UIDS", " u2, ,u1 ,",
                "NEO_HTTP_CONNECT_TIMEOUT_MS", "250",
                "NEO_HTTP_READ_TIMEOUT_MS", "1500",
                "NEO_RATE_LIMIT_PER_SEC", "100"));

        assertThat(config.redisUrl()).isEqualTo(URI.create("rediss://redis.internal:6380/2"));
        assertThat(config.home()).isEqualTo(Path.of("/srv/neo"));
        assertThat(config.loginUrl()).isEqualTo(URI.create("http://localhost:8089"));
        assertThat(config.uids()).contains(List.of("u2", "u1"));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.requestsPerSecond()).isEqualTo(100);
    }

    @Test
    void loginUrlLosesTrailingSlash() {
        assertThat(AgentConfig.from(Map.of("NEO_LOGIN_URL", "https://mis.kotaksecurities.com/"))
                        .loginUrl())
                .hasToString("https://mis.kotaksecurities.com");
        assertThat(AgentConfig.from(Map.of("NEO_LOGIN_URL", "https://example.com/login/"))
                        .loginUrl())
                .hasToString("https://example.com/login");
    }

    @ParameterizedTest
    @ValueSource(strings = {",", " , ,"})
    void uidListWithOnlySeparatorsMeansAllUsers(String raw) {
        assertThat(AgentConfig.from(Map.of("NEO_UIDS", raw)).uids()).isEmpty();
    }

    @Test
    void constructorTreatsEmptyUidListAsNotGiven() {
        AgentConfig defaults = AgentConfig.from(Map.of());
        AgentConfig config = new AgentConfig(
                defaults.redisUrl(),
                defaults.home(),
                defaults.loginUrl(),
                Optional.of(List.of()),
                defaults.connectTimeout(),
                defaults.readTimeout(),
                10);

        assertThat(config.uids()).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            NEO_REDIS_URL               | http://x                | NEO_REDIS_URL: "http://x" is not a redis://, rediss://, redis-sentinel:// or rediss-sentinel:// URL
            NEO_REDIS_URL               | localhost:6379          | NEO_REDIS_URL: "localhost:6379" is not a redis://, rediss://, redis-sentinel:// or rediss-sentinel:// URL
            NEO_REDIS_URL               | redis-sentinel://s1/0   | NEO_REDIS_URL: "redis-sentinel://s1/0" names no master: end it with #<master name>, e.g. redis-sentinel://host:26379/0#mymaster
            NEO_REDIS_CA_FILE           | /nonexistent/ca.pem     | NEO_REDIS_CA_FILE: "/nonexistent/ca.pem" does not exist
            NEO_REDIS_URL               | redis://redis_1:6379    | NEO_REDIS_URL: "redis://redis_1:6379" has no valid host name
            NEO_REDIS_URL               | redis://a b             | NEO_REDIS_URL: "redis://a b" is not a valid URL
            NEO_LOGIN_URL               | ftp://example.com       | NEO_LOGIN_URL: "ftp://example.com" is not an http:// or https:// URL
            NEO_LOGIN_URL               | mis.kotaksecurities.com | NEO_LOGIN_URL: "mis.kotaksecurities.com" is not an http:// or https:// URL
            NEO_UIDS                    | u1,a/b                  | NEO_UIDS: "a/b" is not a valid user id: it must not contain / or \\
            NEO_UIDS                    | u1,u2,u1                | NEO_UIDS: "u1" is listed twice
            NEO_HTTP_CONNECT_TIMEOUT_MS | 5s                      | NEO_HTTP_CONNECT_TIMEOUT_MS: "5s" is not a whole number
            NEO_HTTP_CONNECT_TIMEOUT_MS | 0                       | NEO_HTTP_CONNECT_TIMEOUT_MS: "0" must be a positive number of milliseconds
            NEO_HTTP_READ_TIMEOUT_MS    | -1                      | NEO_HTTP_READ_TIMEOUT_MS: "-1" must be a positive number of milliseconds
            NEO_HTTP_READ_TIMEOUT_MS    | 1.5                     | NEO_HTTP_READ_TIMEOUT_MS: "1.5" is not a whole number
            NEO_RATE_LIMIT_PER_SEC      | 0                       | NEO_RATE_LIMIT_PER_SEC: "0" must be between 1 and 100
            NEO_RATE_LIMIT_PER_SEC      | 101                     | NEO_RATE_LIMIT_PER_SEC: "101" must be between 1 and 100
            NEO_RATE_LIMIT_PER_SEC      | 99999999999             | NEO_RATE_LIMIT_PER_SEC: "99999999999" must be between 1 and 100
            NEO_RATE_LIMIT_PER_SEC      | ten                     | NEO_RATE_LIMIT_PER_SEC: "ten" is not a whole number
            """)
    void malformedValueIsNamedWithVariableAndValue(String variable, String value, String message) {
        assertThatThrownBy(() -> AgentConfig.from(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            redis://:hunter2@db:6379/0       | redis://:****@db:6379/0
            redis://default:hunter2@db:6379  | redis://default:****@db:6379
            rediss://hunter2@db:6379         | rediss://****@db:6379
            redis://db:6379/0                | redis://db:6379/0
            """)
    void toStringMasksTheRedisPassword(String url, String shown) {
        AgentConfig config = AgentConfig.from(Map.of("NEO_REDIS_URL", url));

        assertThat(config.redisUrl()).hasToString(url); // the real URL is still there for connecting
        assertThat(config.redactedRedisUrl()).isEqualTo(shown);
        assertThat(config.toString()).contains("redisUrl=" + shown).doesNotContain("hunter2");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://:hunter2@db:6379",
                "redis://:hunter2@db 1:6379",
                "redis://:hunter2@bad_host",
                "redis-sentinel://hunter2@s1:26379,s2:26379/0"
            })
    void errorMessagesMaskTheRedisPasswordToo(String url) {
        assertThatThrownBy(() -> AgentConfig.from(Map.of("NEO_REDIS_URL", url)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("NEO_REDIS_URL: \"")
                .hasMessageContaining("****@")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void sentinelAndAclUrlsAndACaFileForTlsAreAccepted(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path ca = dev.neoagent.testing.TestCertificate.create(dir, "ca").certificate();
        AgentConfig sentinel =
                AgentConfig.from(Map.of("NEO_REDIS_URL", "redis-sentinel://hunter2@s1:26379,s2:26379/0#mymaster"));
        AgentConfig tls = AgentConfig.from(Map.of(
                "NEO_REDIS_URL", "rediss://neo:hunter2@redis.internal:6380/0", "NEO_REDIS_CA_FILE", ca.toString()));

        assertThat(sentinel.redactedRedisUrl()).isEqualTo("redis-sentinel://****@s1:26379,s2:26379/0#mymaster");
        assertThat(sentinel.redisCaFile()).isEmpty();
        assertThat(tls.redisCaFile()).contains(ca);
        assertThat(tls.toString())
                .contains("redisUrl=rediss://neo:****@redis.internal:6380/0, redisCaFile=" + ca)
                .doesNotContain("hunter2");
        assertThat(tls.redisEndpoint().caFile()).contains(ca);
        assertThatThrownBy(() -> AgentConfig.from(Map.of("NEO_REDIS_CA_FILE", ca.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("NEO_REDIS_CA_FILE: \"" + ca + "\" is set, but the Redis URL is not rediss:// or"
                        + " rediss-sentinel://, so no certificate would be checked");
    }

    @Test
    void settingsListEveryVariableOnceWithFlagsAndDescriptions() {
        assertThat(AgentConfig.SETTINGS)
                .extracting(Setting::envVar)
                .containsExactly(
                        "NEO_REDIS_URL",
                        "NEO_REDIS_CA_FILE",
                        "NEO_HOME",
                        "NEO_LOGIN_URL",
                        "NEO_UIDS",
                        "NEO_HTTP_CONNECT_TIMEOUT_MS",
                        "NEO_HTTP_READ_TIMEOUT_MS",
                        "NEO_RATE_LIMIT_PER_SEC");
        assertThat(AgentConfig.SETTINGS)
                .extracting(Setting::flag)
                .containsExactly(
                        "--redis-url",
                        "--redis-ca-file",
                        "--home",
                        "--login-url",
                        "--uids",
                        "--http-connect-timeout-ms",
                        "--http-read-timeout-ms",
                        "--rate-limit-per-sec");
        assertThat(AgentConfig.SETTINGS)
                .allSatisfy(s -> assertThat(s.description()).isNotBlank());
    }

    @Test
    void eachSettingIsReadByFrom() {
        // Guards against adding a Setting to the list and forgetting to wire it: an invalid value must fail.
        for (Setting setting : AgentConfig.SETTINGS) {
            if (setting == AgentConfig.HOME) {
                assertThat(AgentConfig.from(Map.of(setting.envVar(), "/elsewhere"))
                                .home())
                        .isEqualTo(Path.of("/elsewhere"));
                continue;
            }
            assertThatThrownBy(() -> AgentConfig.from(Map.of(setting.envVar(), "a\\b")))
                    .as(setting.envVar())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(setting.envVar() + ": ");
        }
    }

    @Test
    void invalidPathIsNamed() {
        assertThatThrownBy(() -> AgentConfig.from(Map.of("NEO_HOME", "a\u0000b")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("NEO_HOME: \"a\\u0000b\" is not a valid path");
    }
}
