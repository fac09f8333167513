package dev.neoagent.agent;

import dev.neoagent.agent.cli.Cli;

/** Entry point of {@code neo-agent.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args, System.getenv(), System.out, System.err));
    }
}
