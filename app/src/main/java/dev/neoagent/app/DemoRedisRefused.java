package dev.neoagent.app;

/**
 * {@code neo-agent run} found the Redis marked as a demo's ({@code NEO_DEMO}): it holds a synthetic paper
 * instrument master and the demo user, so real accounts must not be served there unless the operator says so.
 */
public final class DemoRedisRefused extends RuntimeException {
    DemoRedisRefused(String message) {
        super(message, null, false, false);
    }
}
