package dev.neoagent.app.cli;

import io.lettuce.core.RedisException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every command that writes a flag-driven request does around it ({@code order single|multi|equity},
 * {@code modify}, {@code cancel}, {@code exit-all}): write it as the UI does, print what was written, wait for the
 * final status, print the answer and map it to an exit code; at the timeout, withdraw a request no agent has taken.
 *
 * @param command  how the command names itself in a withdrawn request's message ({@code neo-agent order})
 * @param mayStill what an agent that took the request may still do, for the timeout message ({@code place the
 *                 order})
 */
record RequestRoundTrip(RedisSession session, PrintStream out, PrintStream err, String command, String mayStill) {

    /** Writes the request, waits at most {@code timeout} for its final status and prints the answer. */
    int send(UiRequest request, Duration timeout) throws InterruptedException {
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
            return timedOut(request, timeout);
        }
        Map<String, String> fields = answer.get();
        String status = fields.get(request.statusField());
        AnswerPrinter.print(
                out, status, request.messageField().map(fields::get).orElse(null), fields.get(request.resultField()));
        return AnswerWait.exitCode(status);
    }

    /**
     * No final status in time. A request no agent has claimed is withdrawn, so it cannot surprise anyone by
     * executing when an agent starts hours later; a claimed one is left to its agent.
     */
    private int timedOut(UiRequest request, Duration timeout) {
        String waited = seconds(timeout);
        boolean withdrawn = request.withdrawIfUnclaimed(
                session.redis(),
                "withdrawn by " + command + ": no agent took it within " + waited + "; nothing was sent");
        if (withdrawn) {
            err.println("the agent did not answer within " + waited + " (is `neo-agent run` running? "
                    + agentsText(session, request.uid()) + "). The request was withdrawn before any agent took it: "
                    + "nothing was sent.");
        } else {
            err.println("the agent did not answer within " + waited + ": it took the request (" + request.flag() + "="
                    + session.redis().hget(request.uid(), request.flag())
                    + ") and may still " + mayStill + ". Follow it "
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
