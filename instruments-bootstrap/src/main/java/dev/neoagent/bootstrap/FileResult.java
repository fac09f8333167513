package dev.neoagent.bootstrap;

import dev.neoagent.domain.Segment;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What reading one scrip-master file gave.
 *
 * @param rowsRead        data rows (header excluded)
 * @param accepted        rows handed on as contracts (before duplicate resolution)
 * @param skipped         well-formed rows not wanted, by reason
 * @param rejected        rows wanted but unusable
 * @param firstRejections the first few rejections, for the report
 * @param problem         what makes the whole file untrustworthy (empty, header only, truncated, bad header)
 */
record FileResult(
        Segment segment,
        String location,
        long rowsRead,
        long accepted,
        Map<SkipReason, Long> skipped,
        long rejected,
        List<Rejection> firstRejections,
        Optional<String> problem) {

    FileResult {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(location, "location");
        skipped = Map.copyOf(skipped);
        firstRejections = List.copyOf(firstRejections);
        Objects.requireNonNull(problem, "problem");
    }

    long skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
