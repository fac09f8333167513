package dev.neoagent.domain;

/**
 * The broker product an order is placed under. CO and BO are discontinued for API orders since
 * 1 Apr 2026 but still appear in historical books, so they stay readable.
 */
public enum Product {
    NRML,
    MIS,
    CNC,
    MTF,
    CO,
    BO
}
