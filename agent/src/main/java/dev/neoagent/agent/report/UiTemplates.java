package dev.neoagent.agent.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises report files the UI cannot read, so they can be replaced by a header-only file of ours
 * (ui-contract §4.3 last bullet and §4.1):
 *
 * <ul>
 *   <li>{@code orderbook.csv} whose header is not exactly ours. The UI's {@code setup_user} writes
 *       {@code nOrdNo,trdSym,ordSt,qty,prc}, which has no {@code TradingSymbol}, and reading it
 *       crashes the whole Orders page for the rest of the session.</li>
 *   <li>{@code positions.csv} that is empty or blank lines only ("No columns to parse from file",
 *       which the old agent produced by truncating it), or whose header lacks a column the
 *       positions tab reads (the old agent's raw Kotak columns give "Stack trace: 'Quantity'").</li>
 * </ul>
 *
 * Headers are read as ISO-8859-1: every header we accept is ASCII, and a file in another encoding
 * must be judged foreign rather than fail the check.
 */
final class UiTemplates {
    /** The columns the positions tab reads (ui-contract §4.1); a header without any of them is useless. */
    static final List<String> POSITION_COLUMNS_READ_BY_UI =
            List.of("TradingSymbol", "ExchangeInstrumentId", "BuyAveragePrice", "SellAveragePrice", "Quantity");

    private UiTemplates() {}

    static boolean orderBookNeedsReplacing(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        String expected = String.join(",", OrderBookReport.HEADER);
        return !firstNonBlankLine(file).map(line -> line.equals(expected)).orElse(false);
    }

    static boolean positionsNeedReplacing(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Optional<String> header = firstNonBlankLine(file);
        return header.isEmpty() || !headerCells(header.get()).containsAll(POSITION_COLUMNS_READ_BY_UI);
    }

    /** Like pandas, which skips blank lines before the header. A trailing CR (CRLF files) is ignored. */
    private static Optional<String> firstNonBlankLine(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    return Optional.of(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                }
            }
            return Optional.empty();
        }
    }

    /** Header names never contain commas, so a split with surrounding quotes removed is enough. */
    private static List<String> headerCells(String header) {
        List<String> cells = new ArrayList<>();
        for (String cell : header.split(",", -1)) {
            String c = cell.strip();
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1);
            }
            cells.add(c);
        }
        return cells;
    }
}
