package dev.neoagent.app.cli;

import picocli.CommandLine.Option;

/** {@code --lots N | --qty N}, exactly one (a picocli exclusive group). */
final class QuantityOptions {
    @Option(
            names = "--lots",
            required = true,
            paramLabel = "N",
            description = "Lots; converted to units with the lot size from the instrument master")
    Integer lots;

    @Option(
            names = "--qty",
            required = true,
            paramLabel = "N",
            description = "Units (lots x lot size), written as given")
    Integer units;

    Quantity quantity() {
        return lots != null ? Quantity.ofLots(lots) : Quantity.ofUnits(units);
    }
}
