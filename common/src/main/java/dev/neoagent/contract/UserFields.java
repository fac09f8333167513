package dev.neoagent.contract;

import java.util.List;

/**
 * Fields of a user hash that belong to no request of {@link RequestType}: the existing UI's own switches, which
 * tell an operator command that a hash is a user's (redis-contract.md §2.9; {@code reference/ui-contract.md}).
 */
public final class UserFields {
    /** The UI's OI tab switches, written on every page render, so every UI user has them. */
    public static final String OI_ENGINE_ENABLED = "OI_ENGINE_ENABLED";

    public static final String BN_OI_ENGINE_ENABLED = "BN_OI_ENGINE_ENABLED";

    public static final List<String> UI_SWITCHES = List.of(OI_ENGINE_ENABLED, BN_OI_ENGINE_ENABLED);

    private UserFields() {}
}
