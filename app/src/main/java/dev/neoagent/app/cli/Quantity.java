package dev.neoagent.app.cli;

/**
 * An order quantity as the operator gave it: in lots (converted with the contract's lot size) or
 * in units (written as is; the agent checks it is a whole number of lots).
 */
record Quantity(int value, boolean lots) {
    Quantity {
        if (value <= 0) {
            throw CliFailure.failed("a quantity must be a positive whole number, got " + value);
        }
    }

    static Quantity ofLots(int lots) {
        return new Quantity(lots, true);
    }

    static Quantity ofUnits(int units) {
        return new Quantity(units, false);
    }

    @Override
    public String toString() {
        return lots ? value + (value == 1 ? " lot" : " lots") : value + " units";
    }
}
