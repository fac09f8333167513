package dev.neoagent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@link UserConfig}s from the neo home: one folder per user, {@code <neoHome>/<uid>/<uid>.json}, e.g.
 *
 * <pre>{@code
 * {
 *   "consumer_key":  "...",
 *   "mobile_number": "+919876543210",
 *   "ucc":           "AB123",
 *   "mpin":          "${NEO_U1_MPIN}",
 *   "totp_secret":   "JBSWY3DPEHPK3PXP"
 * }
 * }</pre>
 *
 * <p>A string value that is exactly {@code ${NAME}} is taken from environment variable {@code NAME}, so secrets can
 * be kept out of the file (e.g. injected by Docker). Unknown keys are ignored so files can carry notes or settings
 * for newer versions.
 *
 * <p>Secrets are never echoed: messages name the file, the field and the problem, and Jackson's own messages are
 * not passed on because they quote the offending input (an unquoted MPIN would end up in the log).
 */
public final class UserConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(UserConfigLoader.class);

    /** The whole value is a reference; {@code "a${X}"} is a literal, so no escaping rules are needed. */
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** Anything beyond owner access; the file holds credentials. */
    private static final Set<PosixFilePermission> SHARED = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    // A repeated key would otherwise silently win over the first, and trailing garbage usually means a bad merge.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * @param neoHome the folder holding one sub-folder per user
     * @param uids    the users to load, in this order; empty means every {@code <folder>/<folder>.json} under
     *                {@code neoHome}, sorted by uid
     * @param env     environment variables for {@code ${NAME}} references (normally {@code System.getenv()})
     * @return at least one user config
     * @throws ConfigException naming the file, field and problem, if anything is missing or malformed
     */
    public List<UserConfig> load(Path neoHome, Optional<List<String>> uids, Map<String, String> env) {
        if (!Files.exists(neoHome)) {
            throw new ConfigException("neo home " + neoHome + " does not exist (set NEO_HOME or --home)");
        }
        if (!Files.isDirectory(neoHome)) {
            throw new ConfigException("neo home " + neoHome + " is not a directory");
        }
        List<String> selected = uids.isPresent() ? checkRequested(neoHome, uids.get()) : discover(neoHome);

        List<UserConfig> configs = new ArrayList<>(selected.size());
        for (String uid : selected) {
            configs.add(loadOne(uid, fileFor(neoHome, uid), env));
        }
        LOG.info("Loaded {} user config(s) from {}: {}", configs.size(), neoHome, selected);
        return List.copyOf(configs);
    }

    private static Path fileFor(Path neoHome, String uid) {
        return neoHome.resolve(uid).resolve(uid + ".json");
    }

    /** Explicitly requested users must all exist: silently skipping one would leave an account un-traded. */
    private static List<String> checkRequested(Path neoHome, List<String> uids) {
        if (uids.isEmpty()) {
            throw new ConfigException("no user ids given");
        }
        Set<String> seen = new HashSet<>();
        for (String uid : uids) {
            // Checked before building a path from it: "../x" must not reach outside the neo home.
            String problem = UserConfig.uidProblem(uid);
            if (problem != null) {
                throw new ConfigException("user id \"" + UserConfig.printable(uid) + "\" " + problem);
            }
            if (!seen.add(uid)) {
                throw new ConfigException("user id \"" + uid + "\" is listed twice");
            }
            Path file = fileFor(neoHome, uid);
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(file + ": user config file not found for user id \"" + uid + "\"");
            }
        }
        return List.copyOf(uids);
    }

    /** Every sub-folder {@code x} holding {@code x/x.json}; other folders (backups, notes) are skipped. */
    private static List<String> discover(Path neoHome) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(neoHome)) {
            List<Path> folders = children.filter(Files::isDirectory)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                if (Files.isRegularFile(folder.resolve(name + ".json"))) {
                    found.add(name);
                } else {
                    LOG.debug("Skipping {}: it has no {}.json", folder, name);
                }
            }
        } catch (IOException e) {
            throw new ConfigException("neo home " + neoHome + ": cannot list folders: " + e);
        }
        if (found.isEmpty()) {
            throw new ConfigException("no user folders found under " + neoHome + " (expected <uid>/<uid>.json, e.g. "
                    + fileFor(neoHome, "u1") + ")");
        }
        return found;
    }

    private static UserConfig loadOne(String uid, Path file, Map<String, String> env) {
        warnIfShared(file);
        JsonNode root = parse(file);
        return new UserConfig(
                uid,
                secret(string(file, root, UserConfig.FIELD_CONSUMER_KEY, env)),
                string(file, root, UserConfig.FIELD_MOBILE_NUMBER, env),
                string(file, root, UserConfig.FIELD_UCC, env),
                secret(string(file, root, UserConfig.FIELD_MPIN, env)),
                secret(string(file, root, UserConfig.FIELD_TOTP_SECRET, env)),
                Optional.ofNullable(string(file, root, UserConfig.FIELD_BROKER, env)),
                file,
                riskLimits(file, root));
    }

    private static RiskLimits riskLimits(Path file, JsonNode root) {
        int maxLots =
                positiveInt(file, root, UserConfig.FIELD_MAX_LOTS_PER_ORDER, RiskLimits.DEFAULT_MAX_LOTS_PER_ORDER);
        int maxOrders = positiveInt(
                file, root, UserConfig.FIELD_MAX_ORDERS_PER_MINUTE, RiskLimits.DEFAULT_MAX_ORDERS_PER_MINUTE);
        return new RiskLimits(maxLots, maxOrders);
    }

    /** An optional whole number of at least 1, written as a JSON number; absent means the default. */
    private static int positiveInt(Path file, JsonNode root, String field, int defaultValue) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.canConvertToExactIntegral() || !node.canConvertToInt() || node.intValue() < 1) {
            throw ConfigException.field(file, field, "expected a whole number of at least 1, got " + node);
        }
        return node.intValue();
    }

    private static JsonNode parse(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": malformed JSON" + describe(e));
        } catch (IOException e) {
            // e.g. invalid UTF-8; the exception text may quote input bytes, so it is not passed on.
            throw new ConfigException(file + ": not readable as UTF-8 JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigException(file + ": file is empty, expected a JSON object");
        }
        if (!root.isObject()) {
            throw new ConfigException(file + ": expected a JSON object at the top level");
        }
        return root;
    }

    /**
     * Where the JSON broke, without Jackson's message (it quotes the bad token, which may be a secret). The one
     * message that is safe and worth keeping is a duplicate key: it quotes only the key.
     */
    private static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        String what = original != null && original.startsWith("Duplicate field ")
                ? " (duplicate key "
                        + original.substring("Duplicate field ".length()).replace('\'', '"') + ")"
                : "";
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 0
                ? what
                : what + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The string value of {@code field} with {@code ${NAME}} resolved, or {@code null} if absent or JSON null. */
    private static String string(Path file, JsonNode root, String field, Map<String, String> env) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            // Name the JSON type, not the value: an MPIN written as a number is still the MPIN.
            String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
            throw ConfigException.field(file, field, "expected a string, got " + type);
        }
        Matcher reference = ENV_REFERENCE.matcher(node.textValue());
        if (!reference.matches()) {
            return node.textValue();
        }
        String variable = reference.group(1);
        String value = env.get(variable);
        if (value == null) {
            throw ConfigException.field(file, field, "environment variable " + variable + " is not set");
        }
        if (value.isBlank()) {
            // Said here, because "must not be empty" would puzzle someone looking at "${NAME}" in the file.
            throw ConfigException.field(file, field, "environment variable " + variable + " is empty");
        }
        return value;
    }

    private static Secret secret(String value) {
        return value == null ? null : Secret.of(value);
    }

    /** A warning, not an error: some setups (e.g. Docker secrets mounted read-only) cannot chmod. */
    private static void warnIfShared(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return; // no POSIX permissions on this file system (e.g. Windows)
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (permissions.stream().anyMatch(SHARED::contains)) {
                LOG.warn(
                        "{} holds credentials but is accessible by group or others ({}); run: chmod 600 {}",
                        file,
                        PosixFilePermissions.toString(permissions),
                        file);
            }
        } catch (IOException e) {
            LOG.debug("Cannot read permissions of {}: {}", file, e.toString());
        }
    }
}
