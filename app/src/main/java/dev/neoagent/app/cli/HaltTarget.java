package dev.neoagent.app.cli;

import picocli.CommandLine.Option;

/** {@code --uid U | --all}, exactly one (a picocli exclusive group): one user's switch or the global one. */
final class HaltTarget {
    @Option(
            names = "--uid",
            required = true,
            paramLabel = "UID",
            description = "This user only (field TRADING_HALTED of its hash)")
    String uid;

    @Option(names = "--all", required = true, description = "Every user (global key NEO_HALT)")
    boolean all;
}
