package dev.neoagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScripNumbersTest {

    @ParameterizedTest(name = "{0} paise = {1} rupees")
    @CsvSource({
        "2.1e+06,   21000.00", // raw %g style, 2026-08 live row
        "2.6e+06,   26000.00",
        "2600000.0, 26000.00", // re-saved by pandas
        "2601250,   26012.50",
        "5,         0.05", // tick
        "10,        0.10",
        "1e+2,      1.00",
    })
    void paiseCellsBecomeExactRupees(String raw, BigDecimal rupees) throws RowRejected {
        assertThat(ScripNumbers.paiseToRupees(raw, "dStrikePrice")).isEqualTo(rupees);
    }

    @Test
    void fractionalPaiseNonNumbersAndNonPositiveValuesAreRejected() {
        assertThatThrownBy(() -> ScripNumbers.paiseToRupees("2.60125e+03", "dStrikePrice"))
                .hasMessageContaining("not a whole number of paise");
        assertThatThrownBy(() -> ScripNumbers.paiseToRupees("-1", "dStrikePrice"))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> ScripNumbers.paiseToRupees("NaN", "dStrikePrice"))
                .hasMessageContaining("is not a number");
        assertThatThrownBy(() -> ScripNumbers.paiseToRupees(" ", "dTickSize"))
                .hasMessageContaining("dTickSize is empty");
    }

    @Test
    void countsMustBeWholeAndPositive() throws RowRejected {
        assertThat(ScripNumbers.positiveCount("65", "lLotSize")).isEqualTo(65);
        assertThat(ScripNumbers.positiveCount("1801.0", "lFreezeQty")).isEqualTo(1801);
        assertThat(ScripNumbers.positiveCount("1.801e+03", "lFreezeQty")).isEqualTo(1801);
        assertThatThrownBy(() -> ScripNumbers.positiveCount("65.5", "lLotSize")).hasMessageContaining("whole");
        assertThatThrownBy(() -> ScripNumbers.positiveCount("0", "lLotSize")).hasMessageContaining("positive");
    }
}
