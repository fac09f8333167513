package dev.neoagent.broker.factory;

import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.ScripMasterSource;
import dev.neoagent.broker.kotak.KotakClients;
import dev.neoagent.broker.kotak.KotakCredentials;
import dev.neoagent.broker.kotak.KotakScripMaster;
import dev.neoagent.broker.kotak.KotakSettings;
import dev.neoagent.broker.paper.PaperBroker;
import dev.neoagent.broker.paper.PaperMarket;
import dev.neoagent.broker.paper.PaperSettings;
import dev.neoagent.broker.paper.PaperStore;
import dev.neoagent.config.ConfigException;
import dev.neoagent.config.Setting;
import dev.neoagent.config.SettingsReader;
import dev.neoagent.config.UserConfig;
import dev.neoagent.instruments.InstrumentLookup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Makes each user's broker: Kotak Neo by default, the paper broker for a user whose config says
 * {@code "broker": "paper"} or for every user when the process runs in paper mode
 * ({@code NEO_BROKER=paper}). Kotak accounts share one HTTP client; paper accounts share one
 * simulated market, ticking on its own scheduler from the first paper account on. The bootstrap
 * asks it only for a {@link #scripMaster scrip-master source}, which needs the consumer key alone.
 */
public final class BrokerFactory implements AutoCloseable {
    /** {@code kotak} (the default; a user's own {@code "broker"} still applies) or {@code paper} for everyone. */
    public static final Setting BROKER = new Setting(
            "NEO_BROKER", "--broker", UserConfig.BROKER_KOTAK, "kotak, or paper to put every user on the paper broker");

    private final KotakSettings kotak;
    private final PaperSettings paper;
    private final boolean allPaper;
    private final Path home;
    private final Clock clock;
    private final KotakClients kotakClients;
    private PaperMarket market;
    private ScheduledExecutorService ticker;

    public BrokerFactory(KotakSettings kotak, PaperSettings paper, boolean allPaper, Path home, Clock clock) {
        this.kotak = kotak;
        this.paper = paper;
        this.allPaper = allPaper;
        this.home = home;
        this.clock = clock;
        this.kotakClients = new KotakClients(kotak, clock);
    }

    /** Whether every user trades on the paper broker ({@code NEO_BROKER=paper}). */
    public static boolean allPaper(Map<String, String> env) {
        SettingsReader settings = new SettingsReader(env);
        String value = settings.text(BROKER).toLowerCase(Locale.ROOT);
        return switch (value) {
            case UserConfig.BROKER_KOTAK -> false;
            case UserConfig.BROKER_PAPER -> true;
            default -> throw SettingsReader.problem(BROKER, value, "is not kotak or paper");
        };
    }

    public boolean isPaper(UserConfig user) {
        return allPaper || user.isPaper();
    }

    public synchronized BrokerAdapter create(UserConfig user, InstrumentLookup instruments) {
        if (isPaper(user)) {
            return new PaperBroker(
                    user.uid(), market(), instruments, new PaperStore(home.resolve(user.uid())), paper, clock);
        }
        return kotakClients.adapter(KotakCredentials.of(user));
    }

    /**
     * Where a Kotak user's scrip master comes from: the file list and downloads with the consumer key only, no
     * login. The caller closes it.
     *
     * @throws ConfigException for a paper user: the paper broker has no scrip master
     */
    public ScripMasterSource scripMaster(UserConfig user) {
        if (isPaper(user)) {
            throw new ConfigException(user.uid() + " is a paper user (\"broker\": \"paper\"): it has no Kotak account "
                    + "to download the scrip master with; load the synthetic paper master with --paper instead");
        }
        return KotakScripMaster.create(user.uid(), user.consumerKey(), kotak);
    }

    /** The simulated market every paper account trades in (created and started on first use). */
    public synchronized PaperMarket market() {
        if (market == null) {
            market = PaperMarket.create(paper);
            ticker = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("paper-market").factory());
            market.scheduleTicks(ticker);
        }
        return market;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        kotakClients.close();
    }
}
