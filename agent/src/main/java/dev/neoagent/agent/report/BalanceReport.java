package dev.neoagent.agent.report;

import dev.neoagent.domain.Limits;
import java.util.List;

/**
 * {@code balance.csv}: the three XTS RMS columns the UI's Utils tab renames and shows.
 *
 * <ul>
 *   <li>{@code cashAvailable} = collateral value + pay-in − pay-out. This is openalgo's Kotak
 *       formula ({@code CollateralValue + RmsPayInAmt − RmsPayOutAmt + Collateral}) without the
 *       {@code Collateral} term, which {@link Limits} does not carry.</li>
 *   <li>{@code netMarginAvailable} = {@link Limits#available()} (Kotak's {@code Net}).</li>
 *   <li>{@code marginUtilized} = {@link Limits#marginUsed()}.</li>
 * </ul>
 */
final class BalanceReport {
    static final List<String> HEADER = List.of("cashAvailable", "netMarginAvailable", "marginUtilized");

    private BalanceReport() {}

    static Csv csv(Limits limits) {
        return new Csv(HEADER)
                .row(
                        ReportFormats.decimal(
                                limits.collateralValue().add(limits.payIn()).subtract(limits.payOut())),
                        ReportFormats.decimal(limits.available()),
                        ReportFormats.decimal(limits.marginUsed()));
    }
}
