package dev.neoagent.app.cli;

import dev.neoagent.config.AgentConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code modify}, {@code cancel} and {@code exit-all} share: {@code --uid} and {@code --timeout}, a request
 * built and checked before anything is written, then the same round trip as {@code order}: the UI's HDELs and one
 * HSET, the wait for the final status, the answer printed with a line per order, exit 0 / 1 / 2.
 */
abstract class ManageCommand extends OperatorCommand {
    /** Order numbers as the agent accepts them (Kotak's {@code nOrdNo}: digits, sometimes letters or dashes). */
    private static final Pattern ORDER_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,40}");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--uid",
            required = true,
            paramLabel = "UID",
            description = "The user: the Redis hash key the UI writes to")
    String uid;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long to wait for the agent's answer: 15, 15s, 500ms, 2m (default 15s; exit-all 30s)")
    Duration timeout;

    ManageCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    /** The request to write, checked: a bad command line fails here, before Redis is even reached. */
    protected abstract UiRequest request(String uid);

    /** The wait when no {@code --timeout} is given. */
    protected abstract Duration defaultTimeout();

    /** What an agent that took the request may still do, for the message at the timeout ("cancel the order"). */
    protected abstract String mayStill();

    @Override
    protected final int run(AgentConfig config) throws InterruptedException {
        UiRequest request = request(uid);
        try (RedisSession session = RedisSession.open(config)) {
            Users.requireKnown(session, config, uid);
            return new RequestRoundTrip(session, out, err, spec.qualifiedName(), mayStill())
                    .send(request, Optional.ofNullable(timeout).orElse(defaultTimeout()));
        }
    }

    /** A usage error found after parsing, in the same one-line form as picocli's own. */
    protected final CliFailure usage(String problem) {
        return CliFailure.failed(spec.qualifiedName() + ": " + problem + " (see: " + spec.qualifiedName() + " --help)");
    }

    /** {@code order} must look like a broker order number; returned stripped. */
    protected final String orderNumber(String flag, String order) {
        String text = order.strip();
        if (!ORDER_NUMBER.matcher(text).matches()) {
            throw usage(flag + " must be a broker order number (letters, digits, dashes), got '" + order + "'");
        }
        return text;
    }
}
