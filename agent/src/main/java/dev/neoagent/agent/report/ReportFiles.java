package dev.neoagent.agent.report;

import dev.neoagent.domain.Holding;
import dev.neoagent.domain.Limits;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.Position;
import dev.neoagent.domain.Trade;
import dev.neoagent.instruments.InstrumentLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the broker's reports as the CSV files the existing UI reads, under
 * {@code <home>/<uid>/<file>} (redis-contract §2.6, ui-contract §4).
 *
 * <p>Every file is rendered completely in memory, then written to a temporary file in the same
 * folder and renamed over the old one, so a reader sees the old file or the new one and a failure
 * leaves the old one in place. A report without rows is a header-only file, which every UI tab
 * reads as "nothing to show". Files are UTF-8 with LF line ends, quoted as pandas would.
 *
 * <p>A file that cannot be written throws {@link UncheckedIOException} whose message names the file
 * and the cause; the previous file is then unchanged and no temporary file is left. (Unchecked so
 * callers can handle it beside their broker errors without every caller declaring it.)
 *
 * <p>No clock is needed: every time written comes from the broker row itself. Row contents are never
 * logged above DEBUG.
 */
public final class ReportFiles {
    public static final String BALANCE_FILE = "balance.csv";
    public static final String POSITIONS_FILE = "positions.csv";
    public static final String ORDER_BOOK_FILE = "orderbook.csv";
    public static final String TRADE_BOOK_FILE = "tradebook.csv";
    public static final String HOLDINGS_FILE = "holdings.csv";

    private static final Logger LOG = LoggerFactory.getLogger(ReportFiles.class);

    private final Path home;
    private final AtomicFileWriter writer;

    /** @param home NEO_HOME, the folder holding one sub-folder per user */
    public ReportFiles(Path home) {
        this(home, new AtomicFileWriter());
    }

    ReportFiles(Path home, AtomicFileWriter writer) {
        this.home = Objects.requireNonNull(home, "home");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** {@code balance.csv}; see {@link BalanceReport} for the column mapping. */
    public Path writeBalance(String uid, Limits limits) {
        Objects.requireNonNull(limits, "limits");
        return write(uid, BALANCE_FILE, BalanceReport.csv(limits));
    }

    /** {@code positions.csv}; flat positions are left out (see {@link PositionsReport}). */
    public Path writePositions(String uid, List<Position> positions, InstrumentLookup lookup) {
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(lookup, "lookup");
        return write(uid, POSITIONS_FILE, PositionsReport.csv(positions, lookup));
    }

    /** {@code orderbook.csv}, newest order first (see {@link OrderBookReport}). */
    public Path writeOrderBook(String uid, List<Order> orders, InstrumentLookup lookup) {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(lookup, "lookup");
        return write(uid, ORDER_BOOK_FILE, OrderBookReport.csv(orders, lookup));
    }

    /** {@code tradebook.csv}, newest fill first (see {@link TradeBookReport} for the header). */
    public Path writeTradeBook(String uid, List<Trade> trades, InstrumentLookup lookup) {
        Objects.requireNonNull(trades, "trades");
        Objects.requireNonNull(lookup, "lookup");
        return write(uid, TRADE_BOOK_FILE, TradeBookReport.csv(trades, lookup));
    }

    /** {@code holdings.csv} (see {@link HoldingsReport} for the header). */
    public Path writeHoldings(String uid, List<Holding> holdings) {
        Objects.requireNonNull(holdings, "holdings");
        return write(uid, HOLDINGS_FILE, HoldingsReport.csv(holdings));
    }

    /**
     * Replaces report files the UI cannot read with header-only files of ours; meant for agent
     * start-up, before the first request. Only existing files are touched: an existing
     * {@code orderbook.csv} whose header is not ours (the UI's {@code nOrdNo,trdSym,ordSt,qty,prc}
     * template crashes the Orders page), and a {@code positions.csv} that is empty, blank, or lacks
     * a column the positions tab reads (see {@link UiTemplates}).
     *
     * @throws UncheckedIOException when a file cannot be read or replaced; files not yet handled are
     *                              unchanged
     */
    public void replaceUiTemplates(String uid) {
        Path folder = userFolder(uid);
        Path orderBook = folder.resolve(ORDER_BOOK_FILE);
        Path positions = folder.resolve(POSITIONS_FILE);
        try {
            if (UiTemplates.orderBookNeedsReplacing(orderBook)) {
                writer.replace(orderBook, new Csv(OrderBookReport.HEADER).bytes());
                LOG.info("replaced {} of user {}: its header was not the one the UI reads", ORDER_BOOK_FILE, uid);
            }
            if (UiTemplates.positionsNeedReplacing(positions)) {
                writer.replace(positions, new Csv(PositionsReport.HEADER).bytes());
                LOG.info("replaced {} of user {}: it was empty or lacked columns the UI reads", POSITIONS_FILE, uid);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not check or replace the UI template files in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** {@code <home>/<uid>}; the uid must be usable as one folder name and may not escape home. */
    public Path userFolder(String uid) {
        if (uid == null
                || uid.isBlank()
                || uid.equals(".")
                || uid.equals("..")
                || uid.indexOf('/') >= 0
                || uid.indexOf('\\') >= 0
                || uid.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("uid '" + uid + "' cannot be used as a folder name under " + home);
        }
        return home.resolve(uid);
    }

    private Path write(String uid, String fileName, Csv csv) {
        Path target = userFolder(uid).resolve(fileName);
        try {
            writer.replace(target, csv.bytes());
        } catch (IOException e) {
            // the writer's message already reads "could not write <file>: <cause>"
            throw new UncheckedIOException(e.getMessage(), e);
        }
        LOG.debug("wrote {} with {} rows", target, csv.rowCount());
        return target;
    }
}
