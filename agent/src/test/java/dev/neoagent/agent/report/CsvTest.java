package dev.neoagent.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "NIFTY 27JAN2026 CE 26000 | NIFTY 27JAN2026 CE 26000",
                "120.50                   | 120.50",
                "'  padded '              | '  padded '",
                "'A, B'                   | '\"A, B\"'",
                "'say \"hi\"'             | '\"say \"\"hi\"\"\"'",
                "'\"'                     | '\"\"\"\"'",
            })
    void quotesLikePythonsQuoteMinimal(String cell, String expected) {
        assertThat(Csv.quote(cell)).isEqualTo(expected);
    }

    @Test
    void quotesLineBreaksAndWritesNullOrEmptyAsNothing() {
        assertThat(Csv.quote("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(Csv.quote("a\rb")).isEqualTo("\"a\rb\"");
        assertThat(Csv.quote("")).isEmpty();
        assertThat(Csv.quote(null)).isEmpty();
    }

    @Test
    void headerFirstThenRowsWithLfLineEnds() {
        Csv csv = new Csv(List.of("a", "b")).row("1", "x,y").row(Arrays.asList(null, ""));

        assertThat(csv.text()).isEqualTo("a,b\n1,\"x,y\"\n,\n");
        assertThat(csv.rowCount()).isEqualTo(2);
        assertThat(csv.bytes()).isEqualTo(csv.text().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void headerOnlyWhenThereAreNoRows() {
        assertThat(new Csv(List.of("a", "b")).text()).isEqualTo("a,b\n");
    }

    @Test
    void trickyCellsSurviveAPandasLikeRead() {
        List<String> cells = List.of("comma, inside", "quote \" inside", "line\nbreak", "cr\r\nlf", "", " sp ");
        Csv csv = new Csv(List.of("c1", "c2", "c3", "c4", "c5", "c6")).row(cells);

        PandasLikeCsv read = PandasLikeCsv.parse(csv.text());

        assertThat(read.rows).hasSize(1);
        assertThat(read.rows.get(0).values()).containsExactlyElementsOf(cells);
    }

    @Test
    void refusesARowThatDoesNotMatchTheHeader() {
        Csv csv = new Csv(List.of("a", "b"));
        assertThatThrownBy(() -> csv.row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 cells, header has 2");
        assertThatThrownBy(() -> new Csv(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
