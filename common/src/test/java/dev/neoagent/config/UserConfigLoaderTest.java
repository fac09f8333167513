package dev.neoagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.testing.LogCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserConfigLoaderTest {

    // Distinctive values, so "the secret is not in the text" is a meaningful assertion.
    static final String CONSUMER_KEY = "ck-7f3a9c-SECRET";
    static final String MPIN = "482913";
    static final String TOTP = "JBSWY3DPEHPK3PXP";
    static final List<String> SECRETS = List.of(CONSUMER_KEY, MPIN, TOTP);

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    final UserConfigLoader loader = new UserConfigLoader();

    /** A valid user file's content; tests change or remove entries. */
    static Map<String, Object> validFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("consumer_key", CONSUMER_KEY);
        fields.put("mobile_number", "+919876543210");
        fields.put("ucc", "AB123");
        fields.put("mpin", MPIN);
        fields.put("totp_secret", TOTP);
        return fields;
    }

    /** Writes {@code <home>/<uid>/<uid>.json} owner-only, like a careful operator would. */
    Path writeUser(String uid, Map<String, Object> fields) {
        try {
            return writeUser(uid, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(fields));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path writeUser(String uid, String content) {
        try {
            Path file = Files.createDirectories(home.resolve(uid)).resolve(uid + ".json");
            Files.writeString(file, content);
            if (posix(file)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean posix(Path file) {
        return Files.getFileAttributeView(file, PosixFileAttributeView.class) != null;
    }

    ConfigException failure(String uid, Map<String, Object> fields, Map<String, String> env) {
        writeUser(uid, fields);
        return catchThrowableOfType(ConfigException.class, () -> loader.load(home, Optional.empty(), env));
    }

    // --- happy path -------------------------------------------------------------------------------------------

    @Test
    void loadsEveryUserFolderSortedByUid() {
        writeUser("u2", validFields());
        Path u1File = writeUser("u1", validFields());

        List<UserConfig> configs = loader.load(home, Optional.empty(), Map.of());

        assertThat(configs).extracting(UserConfig::uid).containsExactly("u1", "u2");
        UserConfig u1 = configs.get(0);
        assertThat(u1.consumerKey().reveal()).isEqualTo(CONSUMER_KEY);
        assertThat(u1.mobileNumber()).isEqualTo("+919876543210");
        assertThat(u1.ucc()).isEqualTo("AB123");
        assertThat(u1.mpin().reveal()).isEqualTo(MPIN);
        assertThat(u1.totpSecret().reveal()).isEqualTo(TOTP);
        assertThat(u1.broker()).isEmpty();
        assertThat(u1.source()).isEqualTo(u1File);
    }

    @Test
    void readsBrokerAndIgnoresUnknownKeys() {
        Map<String, Object> fields = validFields();
        fields.put("broker", "paper");
        fields.put("comment", List.of("anything", 42));
        writeUser("u1", fields);

        UserConfig config = loader.load(home, Optional.empty(), Map.of()).get(0);

        assertThat(config.broker()).contains("paper");
    }

    @ParameterizedTest
    @ValueSource(strings = {"919876543210", "9876543210"})
    void normalisesTheMobileNumber(String written) {
        Map<String, Object> fields = validFields();
        fields.put("mobile_number", written);
        writeUser("u1", fields);

        assertThat(loader.load(home, Optional.empty(), Map.of()).get(0).mobileNumber())
                .isEqualTo("+919876543210");
    }

    // --- ${VAR} substitution ----------------------------------------------------------------------------------

    @Test
    void substitutesWholeValueEnvironmentReferences() {
        Map<String, Object> fields = validFields();
        fields.put("consumer_key", "${NEO_U1_CONSUMER_KEY}");
        fields.put("mpin", "${NEO_U1_MPIN}");
        fields.put("totp_secret", "${NEO_U1_TOTP}");
        fields.put("ucc", "AB${NOT_A_REFERENCE}"); // only a whole value is a reference
        writeUser("u1", fields);
        Map<String, String> env =
                Map.of("NEO_U1_CONSUMER_KEY", "from-env-key", "NEO_U1_MPIN", "1234", "NEO_U1_TOTP", "GEZDGNBVGY3TQOJQ");

        UserConfig config = loader.load(home, Optional.empty(), env).get(0);

        assertThat(config.consumerKey().reveal()).isEqualTo("from-env-key");
        assertThat(config.mpin().reveal()).isEqualTo("1234");
        assertThat(config.totpSecret().reveal()).isEqualTo("GEZDGNBVGY3TQOJQ");
        assertThat(config.ucc()).isEqualTo("AB${NOT_A_REFERENCE}");
    }

    @Test
    void missingEnvironmentVariableNamesFileFieldAndVariable() {
        Map<String, Object> fields = validFields();
        fields.put("mpin", "${NEO_U1_MPIN}");

        ConfigException e = failure("u1", fields, Map.of());

        assertThat(e)
                .hasMessage(
                        home.resolve("u1/u1.json") + ": field \"mpin\": environment variable NEO_U1_MPIN is not set");
    }

    @Test
    void emptyEnvironmentVariableIsReportedAsSuch() {
        Map<String, Object> fields = validFields();
        fields.put("ucc", "${NEO_U1_UCC}");

        ConfigException e = failure("u1", fields, Map.of("NEO_U1_UCC", ""));

        assertThat(e)
                .hasMessage(home.resolve("u1/u1.json") + ": field \"ucc\": environment variable NEO_U1_UCC is empty");
    }

    // --- missing and malformed fields -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"consumer_key", "mobile_number", "ucc", "mpin", "totp_secret"})
    void missingFieldIsNamed(String field) {
        Map<String, Object> fields = validFields();
        fields.remove(field);

        assertThat(failure("u1", fields, Map.of()))
                .hasMessage(home.resolve("u1/u1.json") + ": field \"" + field + "\": is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"consumer_key", "mobile_number", "ucc", "mpin", "totp_secret"})
    void nullFieldIsReportedAsMissing(String field) {
        Map<String, Object> fields = validFields();
        fields.put(field, null);

        assertThat(failure("u1", fields, Map.of()))
                .hasMessage(home.resolve("u1/u1.json") + ": field \"" + field + "\": is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"consumer_key", "mobile_number", "ucc", "mpin", "totp_secret"})
    void emptyFieldIsNamed(String field) {
        Map<String, Object> fields = validFields();
        fields.put(field, "  ");

        assertThat(failure("u1", fields, Map.of()))
                .hasMessage(home.resolve("u1/u1.json") + ": field \"" + field + "\": must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"consumer_key", "mobile_number", "ucc", "mpin", "totp_secret", "broker"})
    void nonStringFieldIsNamedWithoutItsValue(String field) {
        Map<String, Object> fields = validFields();
        fields.put(field, 482913);

        assertThat(failure("u1", fields, Map.of()))
                .hasMessage(home.resolve("u1/u1.json") + ": field \"" + field + "\": expected a string, got number")
                .hasMessageNotContaining(MPIN);
    }

    @Test
    void malformedFieldsAreNamedWithTheProblem() {
        Path file = home.resolve("u1/u1.json");
        Map<String, Object> fields = validFields();
        fields.put("mobile_number", "12345");
        assertThat(failure("u1", fields, Map.of()))
                .hasMessage(file + ": field \"mobile_number\": expected +91 followed by 10 digits");

        fields = validFields();
        fields.put("mpin", "12345");
        assertThat(failure("u1", fields, Map.of())).hasMessage(file + ": field \"mpin\": expected 4 or 6 digits");

        fields = validFields();
        fields.put("totp_secret", "JBSWY3DP");
        assertThat(failure("u1", fields, Map.of()))
                .hasMessageStartingWith(file + ": field \"totp_secret\": expected base32")
                .hasMessageContaining("at least 16 characters");
    }

    @Test
    void malformedJsonNamesTheFileAndPositionButNotTheBadToken() {
        // A forgotten pair of quotes: Jackson's own message would quote the TOTP seed.
        Path file = writeUser("u1", "{\n  \"consumer_key\": \"x\",\n  \"totp_secret\": " + TOTP + "\n}");

        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> loader.load(home, Optional.empty(), Map.of()));

        assertThat(e)
                .hasMessageStartingWith(file + ": malformed JSON at line 3")
                .hasMessageNotContaining(TOTP)
                .hasNoCause();
    }

    @Test
    void duplicateKeyIsAnError() {
        Path file = writeUser("u1", "{\"mpin\": \"1234\", \"mpin\": \"" + MPIN + "\"}");

        assertThatThrownBy(() -> loader.load(home, Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": malformed JSON (duplicate key \"mpin\") at line 1")
                .hasMessageNotContaining(MPIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"just a string\"", "{} {}"})
    void contentThatIsNotOneObjectNamesTheFile(String content) {
        Path file = writeUser("u1", content);

        assertThatThrownBy(() -> loader.load(home, Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": ");
    }

    // --- secrets never leak -----------------------------------------------------------------------------------

    @Test
    void secretsAppearInNoMessageAndNoLogLine() {
        List<Map<String, Object>> broken = new ArrayList<>();
        for (String field : List.of("consumer_key", "mobile_number", "ucc", "mpin", "totp_secret")) {
            Map<String, Object> missing = validFields();
            missing.remove(field);
            broken.add(missing);
            Map<String, Object> malformed = validFields();
            malformed.put(field, field.equals("consumer_key") || field.equals("ucc") ? 7 : "x" + MPIN + TOTP);
            broken.add(malformed);
        }
        Map<String, Object> unsetVariable = validFields();
        unsetVariable.put("mpin", "${UNSET}");
        broken.add(unsetVariable);

        List<String> texts = new ArrayList<>();
        try (LogCapture log = new LogCapture(UserConfigLoader.class)) {
            for (Map<String, Object> fields : broken) {
                texts.add(failure("u1", fields, Map.of()).getMessage());
            }
            writeUser("u1", validFields());
            texts.add(loader.load(home, Optional.empty(), Map.of()).toString());
            texts.addAll(log.all());
        }

        assertThat(texts).hasSizeGreaterThan(broken.size());
        for (String text : texts) {
            assertThat(text).doesNotContain(SECRETS);
        }
    }

    // --- permissions ------------------------------------------------------------------------------------------

    @Test
    void groupReadableFileGetsAWarningNotAnError() throws IOException {
        Path file = writeUser("u1", validFields());
        assumeTrue(posix(file), "file system has no POSIX permissions");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        try (LogCapture log = new LogCapture(UserConfigLoader.class)) {
            assertThat(loader.load(home, Optional.empty(), Map.of())).hasSize(1);

            assertThat(log.messages(Level.WARN))
                    .singleElement()
                    .asString()
                    .contains(file.toString(), "chmod 600", "rw-r-----");
        }
    }

    @Test
    void ownerOnlyFileGetsNoWarning() {
        Path file = writeUser("u1", validFields());
        assumeTrue(posix(file), "file system has no POSIX permissions");

        try (LogCapture log = new LogCapture(UserConfigLoader.class)) {
            loader.load(home, Optional.empty(), Map.of());

            assertThat(log.messages(Level.WARN)).isEmpty();
        }
    }

    // --- which users ------------------------------------------------------------------------------------------

    @Test
    void uidsFilterLoadsExactlyThoseInTheGivenOrder() {
        writeUser("u1", validFields());
        writeUser("u2", validFields());
        writeUser("u3", validFields());

        List<UserConfig> configs = loader.load(home, Optional.of(List.of("u3", "u1")), Map.of());

        assertThat(configs).extracting(UserConfig::uid).containsExactly("u3", "u1");
    }

    @Test
    void requestedUserWithoutFileIsAnErrorNamingThePath() throws IOException {
        writeUser("u1", validFields());
        Files.createDirectories(home.resolve("u2")); // folder but no file

        assertThatThrownBy(() -> loader.load(home, Optional.of(List.of("u1", "u2")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(home.resolve("u2/u2.json") + ": user config file not found");
        assertThatThrownBy(() -> loader.load(home, Optional.of(List.of("u9")), Map.of()))
                .hasMessageStartingWith(home.resolve("u9/u9.json") + ": user config file not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../u1", "a b"})
    void requestedUidThatIsNotAPlainNameIsRejected(String uid) {
        writeUser("u1", validFields());

        assertThatThrownBy(() -> loader.load(home.resolve("u1"), Optional.of(List.of(uid)), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("user id \"" + uid + "\" must not");
    }

    @Test
    void requestedUidTwiceIsRejected() {
        writeUser("u1", validFields());

        assertThatThrownBy(() -> loader.load(home, Optional.of(List.of("u1", "u1")), Map.of()))
                .hasMessage("user id \"u1\" is listed twice");
    }

    @Test
    void foldersWithoutMatchingFileAreSkipped() throws IOException {
        writeUser("u1", validFields());
        Files.createDirectories(home.resolve("backup"));
        Files.writeString(Files.createDirectories(home.resolve("u2")).resolve("other.json"), "{}");
        Files.writeString(home.resolve("README.txt"), "not a folder");

        try (LogCapture log = new LogCapture(UserConfigLoader.class)) {
            assertThat(loader.load(home, Optional.empty(), Map.of()))
                    .extracting(UserConfig::uid)
                    .containsExactly("u1");

            assertThat(log.messages(Level.DEBUG))
                    .anyMatch(m -> m.contains("backup"))
                    .anyMatch(m -> m.contains("u2"));
        }
    }

    @Test
    void homeWithoutUsersIsAnError() throws IOException {
        Files.createDirectories(home.resolve("backup"));

        assertThatThrownBy(() -> loader.load(home, Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("no user folders found under " + home);
    }

    @Test
    void emptyUidListIsAnError() {
        writeUser("u1", validFields());

        assertThatThrownBy(() -> loader.load(home, Optional.of(List.of()), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no user ids given");
    }

    @Test
    void missingHomeIsAnErrorNamingIt() throws IOException {
        Path missing = home.resolve("nope");
        Path file = Files.writeString(home.resolve("file"), "");

        assertThatThrownBy(() -> loader.load(missing, Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("neo home " + missing + " does not exist");
        assertThatThrownBy(() -> loader.load(file, Optional.empty(), Map.of()))
                .hasMessage("neo home " + file + " is not a directory");
    }
}
