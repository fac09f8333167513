package dev.neoagent.bootstrap;

import dev.neoagent.contract.InstrumentKeys;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one run did, printed for the operator at the end: rows read per file, fields loaded per hash, skipped
 * rows by reason, rejected rows with the first reasons and line numbers, duplicates, refusals and duration.
 *
 * @param hashes   live key → number of fields written (or that would be written, in a dry run)
 * @param refusals why the load was (or, with {@code --force}, would have been) refused
 * @param previousChecked whether the size was compared with the previous load (not in a dry run)
 * @param timings  where the time went
 */
record LoadReport(
        Outcome outcome,
        List<FileResult> files,
        InstrumentSet set,
        Map<String, Integer> hashes,
        List<String> refusals,
        boolean forced,
        boolean previousChecked,
        Timings timings) {

    /** Rejection reasons printed; the count covers all of them. */
    static final int PRINTED_REJECTIONS = 10;

    enum Outcome {
        LOADED("LOADED"),
        REFUSED("REFUSED (live keys untouched)"),
        DRY_RUN("DRY RUN (nothing written)");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }
    }

    /**
     * @param connect opening the Redis connection, in parallel with the read (zero in a dry run)
     * @param read    file list, download and parse of every file, duplicate resolution
     * @param publish temporary hashes and the swap (zero when nothing was written)
     * @param total   the whole run
     */
    record Timings(Duration connect, Duration read, Duration publish, Duration total) {}

    LoadReport {
        Objects.requireNonNull(outcome, "outcome");
        files = List.copyOf(files);
        hashes = Map.copyOf(hashes);
        refusals = List.copyOf(refusals);
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(timings, "timings");
    }

    /** Refused, or a dry run that would have been: exit code 2. */
    boolean refusedWithoutForce() {
        return !refusals.isEmpty() && !forced;
    }

    long rowsRead() {
        return files.stream().mapToLong(FileResult::rowsRead).sum();
    }

    long skipped() {
        return files.stream().mapToLong(FileResult::skippedTotal).sum();
    }

    /** Unparseable rows plus rows involved in a conflict. */
    long rejected() {
        return files.stream().mapToLong(FileResult::rejected).sum() + set.conflictRows();
    }

    /** Contracts loaded (each once). */
    long loaded() {
        return set.meta().size();
    }

    String render() {
        List<String> lines = new ArrayList<>();
        lines.add("neo-bootstrap: " + outcome.text
                + (outcome == Outcome.DRY_RUN
                        ? ", would " + (refusals.isEmpty() || forced ? "load" : "be refused")
                        : "")
                + (forced && !refusals.isEmpty() ? ", checks overridden by --force" : ""));
        for (FileResult file : files) {
            lines.add(String.format(
                    Locale.ROOT,
                    "  %-7s %s: %d rows read, %d accepted, %d skipped, %d rejected%s",
                    InstrumentKeys.segmentCode(file.segment()),
                    file.location(),
                    file.rowsRead(),
                    file.accepted(),
                    file.skippedTotal(),
                    file.rejected(),
                    file.problem().map(p -> " -- " + p).orElse("")));
        }
        lines.add(row(
                "rows read",
                rowsRead() + " = loaded " + loaded() + " + skipped " + skipped() + " + rejected " + rejected()
                        + " + duplicates " + set.duplicateRows()));
        lines.add(row(
                outcome == Outcome.LOADED ? "loaded" : "would load",
                hashes.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "))));
        lines.add(row(
                "expiries",
                set.expiries().isEmpty()
                        ? "none"
                        : set.expiries().entrySet().stream()
                                .map(e -> e.getKey() + " " + describeDates(e.getValue()))
                                .collect(Collectors.joining(", "))));
        lines.add(row("skipped", skipped() + skippedBreakdown()));
        lines.add(row("rejected", Long.toString(rejected())));
        List<Rejection> reasons = new ArrayList<>(set.conflicts());
        files.forEach(f -> reasons.addAll(f.firstRejections()));
        List<Rejection> shown = reasons.stream().limit(PRINTED_REJECTIONS).toList();
        shown.forEach(r -> lines.add("    " + r));
        if (reasons.size() > shown.size()
                || files.stream()
                        .anyMatch(f -> f.rejected() > f.firstRejections().size())) {
            lines.add("    ... (the first " + shown.size() + " reasons of " + rejected() + " rejected rows)");
        }
        lines.add(row("duplicates", Long.toString(set.duplicateRows())));
        set.duplicates().stream().limit(PRINTED_REJECTIONS).forEach(d -> lines.add("    " + d));
        if (!refusals.isEmpty()) {
            lines.add(forced ? "refusals overridden by --force:" : "refused because:");
            refusals.forEach(r -> lines.add("    - " + r));
            if (!forced && outcome == Outcome.REFUSED) {
                lines.add("    (fix the source, or run again with --force to load anyway)");
            }
        }
        if (!previousChecked) {
            lines.add(row("note", "not compared with the previous load (dry run reads nothing from Redis)"));
        }
        lines.add(row(
                "duration",
                String.format(
                        Locale.ROOT,
                        "%.2f s (read and parse %.2f s, Redis connect %.2f s" + " alongside, publish %.2f s)",
                        seconds(timings.total()),
                        seconds(timings.read()),
                        seconds(timings.connect()),
                        seconds(timings.publish()))));
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private String skippedBreakdown() {
        List<String> parts = new ArrayList<>();
        for (SkipReason reason : SkipReason.values()) {
            long n = files.stream().mapToLong(f -> f.skipped(reason)).sum();
            if (n > 0) {
                parts.add(reason.label() + " " + n);
            }
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String describeDates(List<LocalDate> dates) {
        return dates.size() + " (" + dates.get(0) + " .. " + dates.get(dates.size() - 1) + ")";
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-11s %s", label, value);
    }
}
