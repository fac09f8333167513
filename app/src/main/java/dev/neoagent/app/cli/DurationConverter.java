package dev.neoagent.app.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 15} (seconds), {@code 15s}, {@code 500ms}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT15S}. */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(text);
        Duration duration;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            duration = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        } else {
            try {
                duration = Duration.parse(value.strip());
            } catch (RuntimeException e) {
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 15, 15s, 500ms, 2m)");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException("'" + value + "' must be longer than zero");
        }
        return duration;
    }
}
