package dev.neoagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.OptionType;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.instruments.ExpiryList;
import dev.neoagent.json.PythonJson;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractJsonTest {

    static OptionContract nifty26000() {
        return new OptionContract(
                Segment.NSE_FO,
                new InstrumentToken("58801"),
                new TradingSymbol("NIFTY26JAN26000CE"),
                "NIFTY",
                LocalDate.of(2026, 1, 27),
                OptionType.CE,
                new BigDecimal("26000.00"),
                65,
                new BigDecimal("0.05"),
                1801);
    }

    @Test
    void optionJsonIsExactlyTheContractsExample() {
        assertThat(nifty26000().metaJson())
                .isEqualTo("{\"tsym\": \"NIFTY26JAN26000CE\", \"seg\": \"nse_fo\", "
                        + "\"name\": \"NIFTY\", \"expiry\": \"2026-01-27\", \"strike\": \"26000\", \"opt\": \"CE\", "
                        + "\"lot\": 65, \"tick\": \"0.05\", \"freeze\": 1801}");
        assertThat(nifty26000().metaField()).isEqualTo("nse_fo|58801");
        assertThat(nifty26000().lookupField()).isEqualTo("NIFTY_2026-01-27_CE_26000");
    }

    @Test
    void cashJsonHasNoExpiryStrikeOrOptionType() {
        CashContract reliance = new CashContract(
                Segment.NSE_CM,
                new InstrumentToken("2885"),
                new TradingSymbol("RELIANCE-EQ"),
                "RELIANCE",
                "EQ",
                1,
                new BigDecimal("0.1"),
                54129);
        assertThat(reliance.metaJson())
                .isEqualTo("{\"tsym\": \"RELIANCE-EQ\", \"seg\": \"nse_cm\", "
                        + "\"name\": \"RELIANCE\", \"lot\": 1, \"tick\": \"0.10\", \"freeze\": 54129}");
        assertThat(reliance.lookupField()).isEqualTo("RELIANCE");
    }

    @Test
    void strikesAreWholeWithoutDecimalsOtherwisePlain() {
        assertThat(InstrumentKeys.strikeText(new BigDecimal("2.6E+4"))).isEqualTo("26000");
        assertThat(InstrumentKeys.strikeText(new BigDecimal("26012.50"))).isEqualTo("26012.5");
        assertThat(InstrumentKeys.strikeText(new BigDecimal("237.5"))).isEqualTo("237.5");
    }

    @Test
    void expiryListUsesPythonSeparators() {
        assertThat(ExpiryList.write(List.of(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 12, 2))))
                .isEqualTo("[\"2026-11-25\", \"2026-12-02\"]");
    }

    @Test
    void stringsAreEscaped() {
        StringBuilder quoted = new StringBuilder();
        PythonJson.quote("a\"b\\c\u00e9", quoted);
        assertThat(quoted.toString()).isEqualTo("\"a\\\"b\\\\c\\u00e9\"");
    }

    @Test
    void contractsValidateThemselves() {
        assertThatThrownBy(() -> new OptionContract(
                        Segment.NSE_FO,
                        new InstrumentToken("1"),
                        new TradingSymbol("X"),
                        "NIFTY_X",
                        LocalDate.of(2026, 1, 27),
                        OptionType.CE,
                        BigDecimal.TEN,
                        65,
                        BigDecimal.ONE,
                        1))
                .hasMessageContaining("contains '_'");
        assertThatThrownBy(() -> new OptionContract(
                        Segment.NSE_CM,
                        new InstrumentToken("1"),
                        new TradingSymbol("X"),
                        "NIFTY",
                        LocalDate.of(2026, 1, 27),
                        OptionType.CE,
                        BigDecimal.TEN,
                        65,
                        BigDecimal.ONE,
                        1))
                .hasMessageContaining("cash segment");
        assertThatThrownBy(() -> new CashContract(
                        Segment.NSE_CM,
                        new InstrumentToken("2885"),
                        new TradingSymbol("RELIANCE-BE"),
                        "RELIANCE",
                        "EQ",
                        1,
                        BigDecimal.ONE,
                        1))
                .hasMessageContaining("is not RELIANCE-EQ");
        assertThatThrownBy(() -> new InstrumentToken("58801.0")).hasMessageContaining("not numeric");
    }
}
