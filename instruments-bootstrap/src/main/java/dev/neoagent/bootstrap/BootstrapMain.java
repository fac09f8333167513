package dev.neoagent.bootstrap;

import dev.neoagent.broker.BrokerException;
import dev.neoagent.broker.ScripMasterSource;
import dev.neoagent.broker.factory.BrokerFactory;
import dev.neoagent.broker.kotak.KotakSettings;
import dev.neoagent.broker.paper.PaperSettings;
import dev.neoagent.cli.OneLineErrors;
import dev.neoagent.cli.SettingFlags;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.ConfigException;
import dev.neoagent.config.RedisEndpoint;
import dev.neoagent.config.Setting;
import dev.neoagent.config.UserConfig;
import dev.neoagent.config.UserConfigLoader;
import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.Segment;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code neo-bootstrap}: downloads (or reads) the Kotak scrip master, validates it and swaps it into Redis.
 * Exit codes: {@value #LOADED} loaded (or a dry run that would load), {@value #REFUSED} refused by validation
 * (live keys untouched), {@value #ERROR} error (configuration, network, broker, Redis).
 *
 * <p>The environment and the output streams are parameters of {@link #run}, so tests drive the real command
 * in-process; only {@link #main} touches {@link System}. Other modules load the paper master with
 * {@code run(new String[]{"--paper", "--redis-url", url}, env, out, err)} or {@link PaperMaster#load}.
 */
@Command(
        name = "neo-bootstrap",
        mixinStandardHelpOptions = true,
        version = "neo-bootstrap 0.1.0",
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = BootstrapMain.ERROR,
        exitCodeOnExecutionException = BootstrapMain.ERROR,
        description = "Downloads the day's Kotak Neo scrip master (nse_fo, nse_cm), validates it and replaces the"
                + " instrument hashes in Redis atomically: NEO_INSTR_OPT, NEO_INSTR_EQ, NEO_INSTR_META,"
                + " NEO_INSTR_EXPIRIES, NEO_INSTR_INFO (and XTS_INSTR, XTS_INSTR_EQ with --legacy-xts-keys)."
                + " With --paper it loads a generated synthetic master instead, for paper trading.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:loaded (or, with --dry-run, would load)",
            "2:refused by validation; live keys untouched (see the report)",
            "1:error: configuration, network, broker or Redis; nothing changed"
        })
public final class BootstrapMain implements Callable<Integer> {

    public static final int LOADED = 0;
    public static final int ERROR = 1;
    public static final int REFUSED = 2;

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapMain.class);
    private static final Set<Segment> LOCAL_SEGMENTS = Set.of(Segment.NSE_FO, Segment.NSE_CM, Segment.BSE_FO);

    @Option(
            names = "--uid",
            paramLabel = "UID",
            description = "User whose consumer key fetches the file list (<home>/<uid>/<uid>.json); no login is made."
                    + " Needed unless --file or --paper is given.")
    private String uid;

    @Option(
            names = "--file",
            paramLabel = "SEGMENT=PATH",
            description = "Load a local file instead of downloading (offline). Give both nse_fo=PATH and"
                    + " nse_cm=PATH; bse_fo=PATH is optional.")
    private Map<String, Path> files = new LinkedHashMap<>();

    @Option(
            names = "--paper",
            description = "Paper mode: generate the day's synthetic master (NIFTY weekly and monthly, BANKNIFTY monthly"
                    + " index options around realistic spot levels, a few dozen EQ stocks) in Kotak's file format and"
                    + " load it through the same parse, validation and swap as real files. No broker call, no --uid;"
                    + " not with --file, --uid or --underlyings. NEO_INSTR_INFO.source says \"synthetic (paper)\".")
    private boolean paper;

    @Option(
            names = "--underlyings",
            paramLabel = "NAME",
            split = ",",
            description = "Underlyings whose index options to load, in addition to NIFTY and BANKNIFTY"
                    + " (exact pSymbolName, e.g. FINNIFTY,MIDCPNIFTY).")
    private List<String> underlyings = new ArrayList<>();

    @Option(
            names = "--legacy-xts-keys",
            description =
                    "Also write XTS_INSTR and XTS_INSTR_EQ (same fields and tokens) for a UI still on the XTS names.")
    private boolean legacyXtsKeys;

    @Option(
            names = "--force",
            description = "Load even when validation refuses (header-only/truncated file, missing underlying,"
                    + " far smaller than the previous load).")
    private boolean force;

    @Option(
            names = "--dry-run",
            description = "Parse, validate and report without connecting to Redis or writing anything.")
    private boolean dryRun;

    @Spec
    private CommandSpec spec;

    /** The process settings this command takes as flags; the rest comes from the environment. */
    static final List<Setting> SETTINGS = List.of(
            AgentConfig.REDIS_URL,
            AgentConfig.REDIS_CA_FILE,
            AgentConfig.HOME,
            AgentConfig.LOGIN_URL,
            AgentConfig.HTTP_CONNECT_TIMEOUT_MS,
            AgentConfig.HTTP_READ_TIMEOUT_MS);
    /** What a usage error line ends with: the three ways to run it. */
    static final String USAGE = "run it with --uid UID (download today's master), --file nse_fo=PATH --file nse_cm=PATH"
            + " (local files) or --paper (the synthetic paper master); neo-bootstrap --help lists every flag";

    private final SettingFlags flags = new SettingFlags();
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    private BootstrapMain(Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static void main(String[] args) {
        // Netty (under the Redis client) otherwise reaches for sun.misc.Unsafe, which newer JDKs warn about
        System.setProperty("io.netty.noUnsafe", "true");
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command line and returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, out, err, Clock.system(ExpiryDecoder.IST));
    }

    /** As {@link #run(String[], Map, PrintStream, PrintStream)} with a fixed clock ("today" decides expiry). */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        BootstrapMain command = new BootstrapMain(Map.copyOf(env), out, err, clock);
        CommandLine commandLine = new CommandLine(command);
        command.flags.addTo(commandLine.getCommandSpec(), SETTINGS);
        commandLine.setUsageHelpWidth(100);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        OneLineErrors.install(commandLine, env, USAGE);
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        if (paper) {
            checkPaperFlags(); // a usage error: picocli prints it with the usage, exit 1
        }
        RedisEndpoint redis = null;
        try {
            AgentConfig config = flags.resolve(env, AgentConfig::from);
            redis = config.redisEndpoint();
            Bootstrap.Options options =
                    new Bootstrap.Options(localFiles(), normalised(underlyings), legacyXtsKeys, force, dryRun, paper);
            Supplier<ScripMasterSource> broker = options.offline() ? BootstrapMain::noBroker : brokerFor(config);
            LoadReport report = new Bootstrap(new Bootstrap.Environment(redis, broker, clock)).run(options);
            out.print(report.render());
            out.flush();
            return report.refusedWithoutForce() ? REFUSED : LOADED;
        } catch (ConfigException e) {
            return fail("configuration error: " + e.getMessage(), e);
        } catch (BrokerException e) {
            return fail("broker error (" + e.getClass().getSimpleName() + "): " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            return fail("read error: " + e.getMessage(), e);
        } catch (RedisException e) {
            // the URL is masked, and so is any password a driver might quote
            return fail(
                    redis == null
                            ? "Redis error: " + e.getMessage()
                            : "Redis error at " + redis.redacted() + ": " + redis.reason(e),
                    e);
        } catch (InstrumentLoader.ConcurrentLoad e) {
            return fail(e.getMessage(), e);
        } catch (RuntimeException e) {
            return fail("error: " + e, e);
        }
    }

    /** {@code --paper} generates its own files for NIFTY and BANKNIFTY and calls no broker. */
    private void checkPaperFlags() {
        if (!files.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "--paper generates its own files; it cannot be combined with --file");
        }
        if (uid != null) {
            throw new ParameterException(
                    spec.commandLine(), "--paper calls no broker and needs no user; it cannot be combined with --uid");
        }
        if (!underlyings.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--paper generates NIFTY and BANKNIFTY options only; it cannot be combined with --underlyings");
        }
    }

    private int fail(String message, Exception e) {
        LOG.debug("bootstrap failed", e);
        err.println("neo-bootstrap: " + message + " (nothing was changed in Redis)");
        err.flush();
        return ERROR;
    }

    /** Where the file list comes from: only the user's consumer key is used, no login is made. */
    private Supplier<ScripMasterSource> brokerFor(AgentConfig config) {
        if (uid == null || uid.isBlank()) {
            throw new ConfigException("nothing to load: " + USAGE);
        }
        // Read now, so a bad user file (or a paper user) fails before anything else happens.
        UserConfig user = new UserConfigLoader()
                .load(config.home(), Optional.of(List.of(uid.strip())), env)
                .get(0);
        BrokerFactory factory =
                new BrokerFactory(KotakSettings.from(config), PaperSettings.defaults(), false, config.home(), clock);
        ScripMasterSource source = factory.scripMaster(user);
        return () -> source;
    }

    private Map<Segment, Path> localFiles() {
        Map<Segment, Path> bySegment = new LinkedHashMap<>();
        files.forEach((code, path) -> {
            Segment segment;
            try {
                segment = InstrumentKeys.segment(code.strip());
            } catch (IllegalArgumentException e) {
                segment = null;
            }
            if (segment == null || !LOCAL_SEGMENTS.contains(segment)) {
                throw new ConfigException("--file " + code + "=...: the segment must be nse_fo, nse_cm or bse_fo");
            }
            if (!Files.isRegularFile(path)) {
                throw new ConfigException("--file " + code + "=" + path + ": no such file");
            }
            bySegment.put(segment, path);
        });
        if (!bySegment.isEmpty() && !(bySegment.containsKey(Segment.NSE_FO) && bySegment.containsKey(Segment.NSE_CM))) {
            // Every hash is replaced as a whole; loading only one file would empty the other's hashes.
            throw new ConfigException("--file needs both nse_fo=PATH and nse_cm=PATH");
        }
        return bySegment;
    }

    private static ScripMasterSource noBroker() {
        throw new IllegalStateException("an offline run (--file, --paper) has no broker");
    }

    /** Upper-cased ({@code nifty} means NIFTY); names are exact {@code pSymbolName}s otherwise. */
    private static List<String> normalised(List<String> names) {
        List<String> result = new ArrayList<>();
        for (String name : names) {
            String trimmed = name.strip().toUpperCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!Contract.SYMBOL_TEXT.matcher(trimmed).matches() || trimmed.contains("_")) {
                throw new ConfigException("--underlyings: '" + trimmed + "' is not an underlying name");
            }
            result.add(trimmed);
        }
        return result;
    }
}
