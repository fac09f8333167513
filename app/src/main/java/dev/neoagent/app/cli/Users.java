package dev.neoagent.app.cli;

import dev.neoagent.config.AgentConfig;
import dev.neoagent.contract.AgentKeys;
import dev.neoagent.contract.LevelSide;
import dev.neoagent.contract.RequestType;
import dev.neoagent.contract.UserFields;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Which users exist, as far as an operator command can tell without the agent: a user is its Redis
 * hash (the key a UI writes to), its config folder {@code <NEO_HOME>/<uid>/}, or its audit stream.
 * Commands taking {@code --uid} refuse a name that is none of these, so a typo never creates a hash
 * or arms an order for nobody.
 */
public final class Users {
    /** Hash fields only a user hash carries: every request, payload and status field, and the UI's own. */
    private static final String[] MARKERS = markers();

    private static final List<String> GLOBAL_PREFIXES = AgentKeys.GLOBAL_KEY_PREFIXES;

    private Users() {}

    private static String[] markers() {
        Set<String> fields = new LinkedHashSet<>();
        for (RequestType type : RequestType.values()) {
            fields.add(type.flagField());
            type.payloadField().ifPresent(fields::add);
            type.statusField().ifPresent(fields::add);
        }
        for (LevelSide side : LevelSide.values()) {
            fields.add(side.statusField());
            fields.add(side.placeFlag());
        }
        fields.add(AgentKeys.USER_HALT_FIELD);
        // the existing UI writes these on every page render, so every UI user has them
        fields.addAll(UserFields.UI_SWITCHES);
        return fields.toArray(String[]::new);
    }

    /** Fails with {@code no such user: U} unless the user has a hash, a config folder or an audit stream. */
    static void requireKnown(RedisSession session, AgentConfig config, String uid) {
        if (uid == null) {
            throw CliFailure.failed("missing required option: --uid=UID");
        }
        String problem = uidProblem(uid);
        if (problem != null) {
            throw CliFailure.failed("no such user: " + printable(uid) + " (a user id " + problem + ")");
        }
        String type = session.redis().type(uid);
        if ("hash".equals(type)) {
            return;
        }
        if (!"none".equals(type)) {
            throw CliFailure.failed(
                    "no such user: " + uid + " (Redis key " + uid + " is a " + type + ", not a user hash)");
        }
        if (Files.isDirectory(config.home().resolve(uid)) || session.redis().exists(AgentKeys.audit(uid)) > 0) {
            return;
        }
        throw CliFailure.failed("no such user: " + uid + " (no Redis hash " + uid + ", no folder "
                + config.home().resolve(uid) + "); " + knownUsers(session, config));
    }

    /** {@code known users: a, b, c} (the first 20), or where none was found, for a "no such user" message. */
    private static String knownUsers(RedisSession session, AgentConfig config) {
        List<String> known = discover(session, config);
        if (known.isEmpty()) {
            return "no user is known here: no <uid>/<uid>.json under " + config.home() + " and no user hash in Redis";
        }
        int shown = Math.min(known.size(), 20);
        return "known users: " + String.join(", ", known.subList(0, shown))
                + (known.size() > shown ? " and " + (known.size() - shown) + " more" : "");
    }

    /**
     * The users to show when none is named: {@code --uids} / {@code NEO_UIDS} when set, otherwise every
     * user folder under {@code NEO_HOME} ({@code <uid>/<uid>.json}), every audit stream
     * {@code NEO_AUDIT:<uid>}, and every hash holding a field of the Redis contract (so users served by
     * an agent on another machine show up too), sorted.
     */
    static List<String> discover(RedisSession session, AgentConfig config) {
        if (config.uids().isPresent()) {
            return config.uids().get();
        }
        SortedSet<String> found = new TreeSet<>(homeFolders(config.home()));
        found.addAll(inRedis(session));
        return List.copyOf(found);
    }

    /**
     * The users Redis holds data of: every audit stream {@code NEO_AUDIT:<uid>} and every hash holding a field of
     * the Redis contract, sorted.
     */
    public static SortedSet<String> inRedis(RedisSession session) {
        SortedSet<String> found = new TreeSet<>();
        String auditPrefix = AgentKeys.audit("");
        for (String key : session.scanKeys(auditPrefix + "*")) {
            found.add(key.substring(auditPrefix.length()));
        }
        for (String key : session.scanKeys(KeyScanArgs.Builder.type("hash").limit(500))) {
            if (!isGlobal(key) && !found.contains(key) && looksLikeUser(session, key)) {
                found.add(key);
            }
        }
        return found;
    }

    private static boolean isGlobal(String key) {
        for (String prefix : GLOBAL_PREFIXES) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeUser(RedisSession session, String key) {
        return session.redis().hmget(key, MARKERS).stream().anyMatch(KeyValue::hasValue);
    }

    private static List<String> homeFolders(Path home) {
        if (!Files.isDirectory(home)) {
            return List.of();
        }
        List<String> uids = new ArrayList<>();
        try (Stream<Path> children = Files.list(home)) {
            children.filter(Files::isDirectory).forEach(folder -> {
                String name = folder.getFileName().toString();
                if (Files.isRegularFile(folder.resolve(name + ".json"))) {
                    uids.add(name);
                }
            });
        } catch (IOException e) {
            // an unreadable home only hides folder-only users; Redis still shows the others
            return List.of();
        }
        return uids;
    }

    /** The same rule as the config loader's: a uid becomes a folder name, so no path tricks. */
    private static String uidProblem(String uid) {
        if (uid.isBlank()) {
            return "must not be blank";
        }
        if (uid.equals(".") || uid.equals("..") || uid.indexOf('/') >= 0 || uid.indexOf('\\') >= 0) {
            return "must not be . or .. or contain / or \\";
        }
        if (uid.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return "must not contain whitespace or control characters";
        }
        return null;
    }

    private static String printable(String s) {
        StringBuilder text = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                text.append(String.format("\\u%04x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.toString();
    }
}
