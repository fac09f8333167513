package dev.neoagent.instruments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.json.PythonJson;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A {@code NEO_INSTR_EXPIRIES} value, {@code ["2026-11-25", "2026-12-02"]}: written by the bootstrap, read by the
 * agent and the CLI, side by side here.
 */
public final class ExpiryList {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExpiryList() {}

    public static String write(Collection<LocalDate> dates) {
        return PythonJson.stringList(dates.stream().map(LocalDate::toString).toList());
    }

    /** The dates, or empty when the value is not a list of {@code YYYY-MM-DD}. */
    public static Optional<List<LocalDate>> read(String json) {
        try {
            JsonNode list = JSON.readTree(json);
            if (list == null || !list.isArray()) {
                return Optional.empty();
            }
            List<LocalDate> dates = new ArrayList<>();
            for (JsonNode date : list) {
                dates.add(LocalDate.parse(date.asText()));
            }
            return Optional.of(dates);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
