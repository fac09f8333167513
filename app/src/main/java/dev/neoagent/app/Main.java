package dev.neoagent.app;

import dev.neoagent.app.cli.Cli;

/** Entry point of {@code neo-agent.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Netty (under the Redis client) otherwise reaches for sun.misc.Unsafe, which newer JDKs
        // warn about on stderr at every start; the pure-Java path is fast enough here.
        System.setProperty("io.netty.noUnsafe", "true");
        System.exit(Cli.run(args, System.getenv(), System.out, System.err));
    }
}
