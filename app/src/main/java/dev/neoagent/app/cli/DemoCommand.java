package dev.neoagent.app.cli;

import dev.neoagent.app.demo.Demo;
import dev.neoagent.app.demo.DemoRefused;
import dev.neoagent.config.ConfigException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code demo}: the whole product on paper, with an embedded Redis, until Ctrl-C. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run everything on paper with no account: an embedded Redis, a demo user, the synthetic "
                    + "instrument master, the simulated market and the agent. Ctrl-C stops it all.",
            "NEO_REDIS_URL runs it on a Redis of your own instead, which must hold nothing but demos."
        })
final class DemoCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        Demo demo;
        try {
            demo = Demo.start(env, out, err, Clock.systemUTC());
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return 1;
        } catch (DemoRefused e) {
            err.println("neo-agent demo: " + e.getMessage());
            return e.exitCode();
        }
        demo.printWelcome(out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            demo.close();
                            stopped.countDown();
                        },
                        "neo-demo-shutdown"));
        stopped.await();
        return 0;
    }
}
