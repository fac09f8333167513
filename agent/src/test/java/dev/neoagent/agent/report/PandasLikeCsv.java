package dev.neoagent.agent.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV text the way pandas {@code read_csv} does with its defaults, as far as these files
 * need: RFC 4180 quoting (separators and line breaks inside quotes, doubled quotes), LF or CRLF
 * line ends, blank lines skipped, first row is the header, and a row with a different number of
 * fields than the header is an error (pandas raises "Expected n fields, saw m").
 */
final class PandasLikeCsv {
    final List<String> header;
    final List<Map<String, String>> rows;

    private PandasLikeCsv(List<String> header, List<Map<String, String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    static PandasLikeCsv parse(String text) {
        List<List<String>> records = records(text);
        if (records.isEmpty()) {
            throw new IllegalStateException("No columns to parse from file");
        }
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() != header.size()) {
                throw new IllegalStateException("Expected " + header.size() + " fields, saw " + record.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), record.get(i));
            }
            rows.add(row);
        }
        return new PandasLikeCsv(header, rows);
    }

    /** Like {@code df[name]}: a missing column is a KeyError, which is what crashes the UI. */
    List<String> column(String name) {
        if (!header.contains(name)) {
            throw new IllegalStateException("KeyError: '" + name + "'");
        }
        return rows.stream().map(r -> r.get(name)).toList();
    }

    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean cellStarted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    cellStarted = true;
                }
                case ',' -> {
                    record.add(cell.toString());
                    cell.setLength(0);
                    cellStarted = true;
                }
                case '\r', '\n' -> {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    endRecord(records, record, cell, cellStarted);
                    record = new ArrayList<>();
                    cell.setLength(0);
                    cellStarted = false;
                }
                default -> {
                    cell.append(c);
                    cellStarted = true;
                }
            }
            i++;
        }
        if (quoted) {
            throw new IllegalStateException("EOF inside string");
        }
        endRecord(records, record, cell, cellStarted);
        return records;
    }

    private static void endRecord(
            List<List<String>> records, List<String> record, StringBuilder cell, boolean cellStarted) {
        if (!cellStarted && record.isEmpty()) {
            return; // blank line: pandas skips it
        }
        record.add(cell.toString());
        records.add(record);
    }
}
