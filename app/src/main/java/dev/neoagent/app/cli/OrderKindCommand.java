package dev.neoagent.app.cli;

import dev.neoagent.agent.order.InstrumentResolver;
import dev.neoagent.cli.SettingFlags;
import dev.neoagent.config.AgentConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.ParentCommand;

/**
 * What every {@code order} kind does around its own payload: connect, check the user, build the
 * request (the instrument master is read for lot sizes and tokens), write it as the UI does, wait
 * for the answer and map it to an exit code.
 */
abstract class OrderKindCommand extends OperatorCommand {
    @ParentCommand
    OrderCommand parent;

    OrderKindCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    /** {@code order --redis-url X single ...} and {@code order single --redis-url X ...} both work. */
    @Override
    protected final SettingFlags givenFlags() {
        return flags().under(parent.flags());
    }

    @Override
    protected final int run(AgentConfig config) throws InterruptedException {
        try (RedisSession session = RedisSession.open(config)) {
            Users.requireKnown(session, config, parent.uid);
            return place(session, parent.uid, InstrumentResolver.uncached(session.redis()));
        }
    }

    protected abstract int place(RedisSession session, String uid, InstrumentResolver instruments)
            throws InterruptedException;

    /** Writes a single, multi or equity request, waits for its final status and prints the answer. */
    protected final int placeAndWait(RedisSession session, UiRequest request) throws InterruptedException {
        return new RequestRoundTrip(session, out, err, "neo-agent order", "place the order")
                .send(request, parent.timeout().orElse(OrderCommand.DEFAULT_TIMEOUT));
    }

    static String seconds(Duration duration) {
        return RequestRoundTrip.seconds(duration);
    }
}
