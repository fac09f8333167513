package dev.neoagent.domain;

/**
 * Exchange segment. Its spelling belongs to each interface: Kotak's wire ({@code KotakCodes}), the instrument
 * master in Redis ({@code InstrumentKeys.segmentCode}).
 */
public enum Segment {
    NSE_CM,
    BSE_CM,
    NSE_FO,
    BSE_FO,
    MCX_FO,
    CDE_FO
}
