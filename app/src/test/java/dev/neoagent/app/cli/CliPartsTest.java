package dev.neoagent.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.StreamMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The small pieces of the operator commands that need no Redis. */
class CliPartsTest {

    @Test
    void numbersAreWrittenAsPythonsJsonDumpsWritesTheUisValues() {
        assertThat(UiJson.pythonFloat(new BigDecimal("120"))).isEqualTo("120.0");
        assertThat(UiJson.pythonFloat(new BigDecimal("120.50"))).isEqualTo("120.5");
        assertThat(UiJson.pythonFloat(new BigDecimal("120.55"))).isEqualTo("120.55");
        assertThat(UiJson.pythonFloat(new BigDecimal("1E+7"))).isEqualTo("10000000.0");
        assertThat(new UiJson()
                        .number("Strike", new BigDecimal("26000.00"))
                        .number("S2", new BigDecimal("26012.50"))
                        .text("T", "é\"")
                        .integer("Qty", 65)
                        .build())
                .isEqualTo("{\"Strike\": 26000, \"S2\": 26012.5, \"T\": \"\\u00e9\\\"\", \"Qty\": 65}");
    }

    @Test
    void aLegIsSixWordsWithLotsOrUnits() {
        LegSpec lots = LegSpec.parse("  nifty 2026-01-27 26000 ce buy 2 ");
        assertThat(lots)
                .isEqualTo(new LegSpec(
                        "NIFTY", LocalDate.of(2026, 1, 27), new BigDecimal("26000"), "CE", "BUY", Quantity.ofLots(2)));
        assertThat(LegSpec.parse("BANKNIFTY 2026-01-27 60000 PE SELL qty=90").quantity())
                .isEqualTo(Quantity.ofUnits(90));
        assertThat(LegSpec.parse("BANKNIFTY 2026-01-27 60000 PE SELL lots=3").quantity())
                .isEqualTo(Quantity.ofLots(3));
        assertThat(lots.contract()).isEqualTo("NIFTY 2026-01-27 26000 CE");

        assertThatThrownBy(() -> LegSpec.parse("NIFTY 2026-01-27 26000 CE BUY 0"))
                .hasMessage("--leg 'NIFTY 2026-01-27 26000 CE BUY 0': lots must be a positive whole number, got '0'");
        assertThatThrownBy(() -> LegSpec.parse("NIFTY 27-01-2026 26000 CE BUY 1"))
                .hasMessageContaining("expiry must be a date YYYY-MM-DD, got '27-01-2026'");
        assertThatThrownBy(() -> LegSpec.parse("NIFTY 2026-01-27 26000 CE HOLD 1"))
                .hasMessageContaining("side must be BUY or SELL, got 'HOLD'");
        assertThatThrownBy(() -> LegSpec.parse("NIFTY 2026-01-27 -5 CE BUY 1"))
                .hasMessageContaining("strike must be a positive number, got '-5'");
    }

    @Test
    void durationsReadTheWayOperatorsWriteThem() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("15")).isEqualTo(Duration.ofSeconds(15));
        assertThat(converter.convert("15s")).isEqualTo(Duration.ofSeconds(15));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> converter.convert("0")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void exitCodesFollowTheFinalStatus() {
        assertThat(AnswerWait.exitCode("SUCCESS")).isZero();
        assertThat(AnswerWait.exitCode("SUCCESS: Order Placed 1")).isZero();
        assertThat(AnswerWait.exitCode("FAILED")).isEqualTo(1);
        assertThat(AnswerWait.exitCode("FAILED: no")).isEqualTo(1);
        assertThat(AnswerWait.exitCode("CANCELLED")).isEqualTo(1);
        assertThat(AnswerWait.exitCode("UNKNOWN")).isEqualTo(2);
        assertThat(AnswerWait.exitCode("UNKNOWN: maybe")).isEqualTo(2);
        assertThat(AnswerWait.exitCode("SOMETHING ELSE")).isEqualTo(2);
    }

    private static StreamMessage<String, String> entry(String id, String... fieldsAndValues) {
        Map<String, String> body = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            body.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return new StreamMessage<>("NEO_AUDIT:u1", id, body);
    }

    @Test
    void auditEntriesReadAsOneLineEach() {
        // 1768881600000 ms = 2026-01-20 04:00:00 UTC = 09:30 IST
        assertThat(AuditFormat.line(entry(
                        "1768881600123-0",
                        "event",
                        "answer",
                        "id",
                        "C1",
                        "type",
                        "BALANCE",
                        "BALANCE_MESSAGE",
                        "broker down",
                        "BALANCE",
                        "failed",
                        "written",
                        "yes")))
                .isEqualTo("2026-01-20 09:30:00.123  answer      C1             BALANCE        failed  broker down");
        assertThat(AuditFormat.line(entry(
                        "1768881600123-0",
                        "event",
                        "answer",
                        "id",
                        "C2",
                        "type",
                        "PLACE_SINGLE",
                        "STATUS_SINGLE",
                        "SUCCESS",
                        "MSG_SINGLE",
                        "Order Placed: 7",
                        "PLACE_SINGLE",
                        "fetched",
                        "written",
                        "no: superseded by a newer request")))
                .endsWith("PLACE_SINGLE   SUCCESS  Order Placed: 7  [answer not shown: superseded by a newer request]");
        assertThat(AuditFormat.line(entry(
                        "1768881600123-0",
                        "event",
                        "broker_call",
                        "id",
                        "C3",
                        "call",
                        "place_order",
                        "tag",
                        "C3L0S0",
                        "tsym",
                        "NIFTY26JAN26000CE",
                        "side",
                        "BUY",
                        "qty",
                        "65",
                        "type",
                        "LIMIT",
                        "price",
                        "120.5",
                        "product",
                        "NRML",
                        "outcome",
                        "REJECTED",
                        "message",
                        "RMS:Rule: margin exceeds")))
                .endsWith("C3             place_order BUY 65 NIFTY26JAN26000CE LIMIT @120.5 NRML -> REJECTED "
                        + "tag C3L0S0 (RMS:Rule: margin exceeds)");
        assertThat(AuditFormat.line(entry(
                        "1768881600123-0",
                        "event",
                        "reconciled",
                        "id",
                        "C4",
                        "type",
                        "PLACE_MULTI",
                        "previous_agent",
                        "deadbeef")))
                .endsWith("C4             PLACE_MULTI settled after agent deadbeef stopped");
        assertThat(AuditFormat.answerLine(entry(
                        "1768881600123-0",
                        "event",
                        "answer",
                        "id",
                        "C5",
                        "type",
                        "PLACE_EQUITY",
                        "STATUS_EQUITY",
                        "FAILED: no money",
                        "PLACE_EQUITY",
                        "fetched")))
                .isEqualTo("2026-01-20 09:30:00  PLACE_EQUITY   FAILED: no money");
    }

    @Test
    void spotAgesAreShortAndHonest() {
        assertThat(StatusCommand.age(Duration.ofSeconds(3))).isEqualTo("3 s old");
        assertThat(StatusCommand.age(Duration.ofMinutes(5))).isEqualTo("5 min old");
        assertThat(StatusCommand.age(Duration.ofHours(20))).isEqualTo("20 h old");
        assertThat(StatusCommand.age(Duration.ofDays(3))).isEqualTo("3 days old");
        assertThat(StatusCommand.age(Duration.ofSeconds(-2))).isEqualTo("in the future: clocks differ");
    }
}
