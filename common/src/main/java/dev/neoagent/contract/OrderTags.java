package dev.neoagent.contract;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The order tag the agent sends to Kotak ({@code ig}, echoed back as {@code GuiOrdId}; redis-contract.md §3):
 * {@code <command id>L<leg>S<slice>}. A restart finds every order of a request by the prefix
 * {@code <command id>L} in the broker's order book, so nothing is ever sent twice.
 */
public final class OrderTags {
    /** A command id (as CommandId makes them: {@code C} and base 36) with leg and slice. */
    private static final Pattern OURS = Pattern.compile("C[A-Z0-9]{5,23}L\\d+S\\d+");

    private OrderTags() {}

    /** The tag of one child order: the request's command id, the leg index and the slice index. */
    public static String of(String commandId, int leg, int slice) {
        return prefix(commandId) + leg + "S" + slice;
    }

    /** What every tag of one request starts with. */
    public static String prefix(String commandId) {
        return commandId + "L";
    }

    /** The command id of a tag the agent sent ({@code <command id>L<leg>S<slice>}); empty for anyone else's tag. */
    public static Optional<String> commandIdOf(String tag) {
        if (tag == null || !OURS.matcher(tag).matches()) {
            return Optional.empty();
        }
        return Optional.of(tag.substring(0, tag.lastIndexOf('L')));
    }

    /** The leg index of a tag, if it is one of ours. */
    public static OptionalInt legOf(String tag) {
        int l = tag.lastIndexOf('L');
        int s = tag.lastIndexOf('S');
        if (l < 0 || s <= l + 1) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(tag.substring(l + 1, s)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
