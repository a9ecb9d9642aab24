package io.meshwright.engine.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A duration as people write it ({@code 30s}, {@code 2m}, {@code 1h30m}) or in ISO-8601 ({@code PT30S}). */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        String trimmed = text.trim().toUpperCase(Locale.ROOT);
        try {
            Duration duration = Duration.parse(trimmed.startsWith("P") ? trimmed : "PT" + trimmed);
            if (duration.isNegative()) {
                throw new TypeConversionException("expected a duration of zero or more, but was '" + text + "'");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("expected a duration such as 30s, 2m or PT30S, but was '" + text + "'");
        }
    }
}
