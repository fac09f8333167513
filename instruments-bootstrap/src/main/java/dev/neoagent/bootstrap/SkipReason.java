package dev.neoagent.bootstrap;

/** Why a well-formed row is not loaded. Skips are normal (most of nse_fo is stock options) and only counted. */
enum SkipReason {
    OTHER_SEGMENT("row of another segment"),
    NOT_SELECTED("underlying not selected"),
    FUTURE("future"),
    OTHER_INSTRUMENT("not an index option"),
    EXPIRED("expired"),
    OTHER_SERIES("cash series other than EQ/BE (index rows included)");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
