package dev.neoagent.broker.kotak;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The one thread a Kotak websocket feed runs on. Everything that changes a feed's state runs here, OkHttp's callbacks
 * included (they hop onto it), so that state needs no lock and the listener hears events from this one thread, in the
 * order they arrived. A daemon thread.
 *
 * <p>A task that throws is handed to the feed's {@code onFailure} and never ends the thread (a periodic task that
 * throws would never run again). Once {@link #shutDown} is called, whatever is handed to it is dropped quietly, and
 * pending reconnects and timers with it: a closed feed has nothing more to do.
 */
final class FeedThread {
    private final ScheduledThreadPoolExecutor executor;
    private final Consumer<RuntimeException> onFailure;
    private volatile Thread thread;

    /** @param onFailure what a task that threw leaves to do (log, start again); runs on this thread */
    FeedThread(String name, Consumer<RuntimeException> onFailure) {
        this.onFailure = onFailure;
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** Whether the caller is this thread. */
    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} here as soon as the tasks before it are done. */
    void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            // shut down: nothing more to do
        }
    }

    /** Runs {@code task} here after {@code delay}; null once shut down. */
    ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        try {
            return executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Runs {@code task} here every {@code period}, the first time after one period; null once shut down. */
    ScheduledFuture<?> atFixedRate(Duration period, Runnable task) {
        try {
            return executor.scheduleAtFixedRate(
                    guarded(task), period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Runs {@code task} here {@code period} after each run ended, the first time after one period. */
    void withFixedDelay(Duration period, Runnable task) {
        try {
            executor.scheduleWithFixedDelay(guarded(task), period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // shut down
        }
    }

    /**
     * Runs {@code task} here and waits up to {@code timeout} for its answer (runs it at once when called on this
     * thread); null when it could not run, failed or took longer.
     */
    <T> T call(Callable<T> task, Duration timeout) {
        if (isCurrent()) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return executor.submit(task).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Drops every pending task, interrupts a running one and waits up to {@code wait} for the thread to end (not when
     * called on it: it ends once the caller's task returns).
     */
    void shutDown(Duration wait) {
        executor.shutdownNow();
        if (isCurrent()) {
            return;
        }
        try {
            executor.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                onFailure.accept(e);
            }
        };
    }
}
