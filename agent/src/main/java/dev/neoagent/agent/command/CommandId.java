package dev.neoagent.agent.command;

import dev.neoagent.contract.OrderTags;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The id of one claimed request. It is short and alphanumeric because it becomes the prefix of the
 * Kotak order tag ({@code ig}) of every order the request sends, and Kotak does not document which
 * characters or lengths a tag may have: time in base 36 keeps ids sortable, random digits keep two
 * agents from colliding.
 */
public record CommandId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]{6,24}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public CommandId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("command id must be 6-24 characters A-Z 0-9, was " + value);
        }
    }

    /** Whether {@code value} has the form of a command id (what a UI copies from {@code RESULT_*.id}). */
    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    public static CommandId next(Instant now) {
        String time = Long.toString(now.toEpochMilli(), 36).toUpperCase(Locale.ROOT);
        String random = Long.toString(RANDOM.nextLong(36L * 36 * 36 * 36), 36).toUpperCase(Locale.ROOT);
        return new CommandId("C" + time + "0".repeat(4 - random.length()) + random);
    }

    /** The order tag of one child order: leg index and slice index appended ({@link OrderTags}). */
    public String orderTag(int leg, int slice) {
        return OrderTags.of(value, leg, slice);
    }

    @Override
    public String toString() {
        return value;
    }
}
