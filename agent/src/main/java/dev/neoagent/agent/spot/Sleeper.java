package dev.neoagent.agent.spot;

import java.time.Duration;

/** Waits; the real one sleeps the current thread, tests pass one that returns at once or records. */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep(Duration)}: interruptible, which is how {@link SpotPoller#close()} stops the loop. */
    Sleeper REAL = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
