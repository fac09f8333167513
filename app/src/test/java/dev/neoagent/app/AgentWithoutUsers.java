package dev.neoagent.app;

import dev.neoagent.agent.metrics.HealthSettings;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.broker.paper.PaperSettings;
import dev.neoagent.config.AgentConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The agent process as {@code run} starts it, serving no user: what the tests of reaching Redis need. */
public final class AgentWithoutUsers {
    private AgentWithoutUsers() {}

    /** Starts it; returns once it runs (waiting for Redis as long as that takes). */
    public static AgentProcess start(AgentConfig config) throws InterruptedException {
        return AgentProcess.start(
                config,
                List.of(),
                AgentSettings.from(Map.of()),
                PaperSettings.defaults(),
                true,
                HealthSettings.OFF,
                false,
                Clock.systemUTC());
    }

    /**
     * Starts it on a platform thread of its own, for a Redis it keeps waiting for; interrupting the thread gives up.
     * What ended the start (an exception, the interrupt) lands in {@code ended}.
     */
    public static Thread startInBackground(AgentConfig config, AtomicReference<Throwable> ended) {
        return Thread.ofPlatform().name("starting-agent").start(() -> {
            try {
                start(config);
            } catch (Throwable e) {
                ended.set(e);
            }
        });
    }
}
