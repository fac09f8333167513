package dev.neoagent.agent.report;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV document built in memory, written the way pandas {@code to_csv(index=False)} writes it on
 * Linux: a header row first, comma separators, LF line ends, UTF-8, and minimal RFC 4180 quoting.
 * The whole text is rendered before any file is touched, so a bad row can never leave half a file.
 */
final class Csv {
    private final int width;
    private final StringBuilder text = new StringBuilder();
    private int rows;

    Csv(List<String> header) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a CSV header needs at least one column");
        }
        this.width = header.size();
        append(header);
    }

    /** Adds one data row; {@code null} cells are written empty (pandas writes NaN/None that way). */
    Csv row(String... cells) {
        return row(Arrays.asList(cells));
    }

    Csv row(List<String> cells) {
        if (cells.size() != width) {
            // pandas refuses such a file ("Expected n fields, saw m"), so refuse to produce one.
            throw new IllegalArgumentException("CSV row has " + cells.size() + " cells, header has " + width);
        }
        append(cells);
        rows++;
        return this;
    }

    int rowCount() {
        return rows;
    }

    String text() {
        return text.toString();
    }

    byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Python's {@code csv.QUOTE_MINIMAL}, which pandas uses: a cell is quoted only when it holds the
     * separator, a quote, CR or LF, and quotes inside it are doubled.
     */
    static String quote(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        boolean needsQuotes =
                cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\r') >= 0 || cell.indexOf('\n') >= 0;
        return needsQuotes ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    private void append(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(quote(cells.get(i)));
        }
        text.append('\n');
    }
}
