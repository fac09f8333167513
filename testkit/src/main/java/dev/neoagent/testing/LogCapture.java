package dev.neoagent.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records what one class logs (DEBUG and up) for the duration of a try-with-resources block, for
 * tests that check what is logged (once per state change) and what is not (secrets).
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    /**
     * Events as they were logged, from any thread. Logback's ListAppender adds to a plain ArrayList without a lock,
     * so a test reading while the agent's threads log could fail with a ConcurrentModificationException.
     */
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    };

    private final boolean previousAdditivity;

    public LogCapture(Class<?> source) {
        this(source.getName(), false);
    }

    /**
     * Everything the project's own code logs ({@code dev.neoagent.*}, DEBUG and up), kept off the console while it
     * runs: for tests that check that no secret reaches any log line.
     */
    public static LogCapture everything() {
        return new LogCapture("dev.neoagent", true);
    }

    private LogCapture(String loggerName, boolean quiet) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        previousLevel = logger.getLevel();
        previousAdditivity = logger.isAdditive();
        logger.setLevel(Level.DEBUG);
        if (quiet) {
            logger.setAdditive(false);
        }
        appender.start();
        logger.addAppender(appender);
    }

    /** Formatted messages at {@code level}, in order. */
    public List<String> messages(Level level) {
        return events.stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /**
     * Every line as it would be written: the formatted message and, for an event with an exception, the exception's
     * class and message and those of its causes.
     */
    public List<String> rendered() {
        return events.stream()
                .map(e -> {
                    StringBuilder line = new StringBuilder(e.getFormattedMessage());
                    for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                        line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                    }
                    return line.toString();
                })
                .toList();
    }

    /** Every formatted message, any level, in order. */
    public List<String> all() {
        return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(previousLevel);
        logger.setAdditive(previousAdditivity);
    }
}
