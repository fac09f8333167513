package dev.neoagent.app.cli;

import dev.neoagent.agent.order.InstrumentResolver;
import dev.neoagent.cli.SettingFlags;
import dev.neoagent.config.AgentConfig;
import io.lettuce.core.RedisException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        Duration timeout = parent.timeout().orElse(OrderCommand.DEFAULT_TIMEOUT);
        request.write(session.redis());
        out.printf("%-9s%s%n", "wrote", request.describe());
        Optional<Map<String, String>> answer;
        try {
            answer = AnswerWait.until(
                    session.redis(),
                    request.uid(),
                    request.answerFields(),
                    status -> !status.isEmpty() && !status.equals(UiRequest.PROCESSING),
                    Optional.of(timeout));
        } catch (RedisException e) {
            err.println("lost Redis while waiting for the answer (" + e.getMessage() + "). The request was written "
                    + "and may still be served: see neo-agent status --uid " + request.uid()
                    + " before sending it again.");
            return ExitCodes.UNKNOWN;
        }
        if (answer.isEmpty()) {
            return timedOut(session, request, timeout);
        }
        Map<String, String> fields = answer.get();
        String status = fields.get(request.statusField());
        AnswerPrinter.print(
                out, status, request.messageField().map(fields::get).orElse(null), fields.get(request.resultField()));
        return AnswerWait.exitCode(status);
    }

    /**
     * No final status in time. A request no agent has claimed is withdrawn, so it cannot surprise
     * anyone by executing when an agent starts hours later; a claimed one is left to its agent.
     */
    private int timedOut(RedisSession session, UiRequest request, Duration timeout) {
        String waited = seconds(timeout);
        boolean withdrawn = request.withdrawIfUnclaimed(
                session.redis(),
                "withdrawn by neo-agent order: no agent took it within " + waited + "; nothing was sent");
        if (withdrawn) {
            err.println("the agent did not answer within " + waited + " (is `neo-agent run` running? "
                    + agentsText(session, request.uid()) + "). The request was withdrawn before any agent took it: "
                    + "nothing was sent.");
        } else {
            err.println("the agent did not answer within " + waited + ": it took the request (" + request.flag() + "="
                    + session.redis().hget(request.uid(), request.flag())
                    + ") and may still place the order. Follow it "
                    + "with neo-agent tail --uid " + request.uid() + " --follow, and check the order book before "
                    + "sending it again.");
        }
        return ExitCodes.UNKNOWN;
    }

    static String agentsText(RedisSession session, String uid) {
        List<String> agents = session.liveAgents();
        if (agents.isEmpty()) {
            return "no agent is running on this Redis: no NEO_AGENT:* lease";
        }
        return agents.size() + " agent(s) running (" + String.join(", ", agents) + "); does NEO_UIDS include " + uid
                + "?";
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
