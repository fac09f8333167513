package dev.neoagent.bootstrap;

/** Call or put, exactly as the scrip master's {@code pOptionType} writes it ({@code XX} marks a future). */
enum OptionType {
    CE, PE;

    /** Exact upper-case code; anything else is not an option side and is never guessed. */
    static OptionType fromCode(String code) throws RowRejected {
        return switch (code) {
            case "CE" -> CE;
            case "PE" -> PE;
            default -> throw new RowRejected("pOptionType '" + ScripNumbers.printable(code) + "' is not CE or PE");
        };
    }
}
