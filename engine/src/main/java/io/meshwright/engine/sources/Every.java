package io.meshwright.engine.sources;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a schedule's interval: {@code 6h}, {@code 30m}, {@code 1d}, {@code 1h30m}, or ISO-8601 {@code PT6H}. */
public final class Every {

    /** Shorter intervals would mostly re-read unchanged sources. */
    public static final Duration MINIMUM = Duration.ofMinutes(1);

    private static final Pattern PART = Pattern.compile("(\\d+)([smhd])");

    private Every() {}

    /** @throws IllegalArgumentException naming the accepted forms, when {@code text} is none of them or too short */
    public static Duration parse(String text) {
        Duration every = read(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (every.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("every: expected at least 1m, but was '" + text + "'");
        }
        return every;
    }

    private static Duration read(String text) {
        if (text.startsWith("p")) {
            try {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher parts = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (parts.find()) {
            if (parts.start() != end) {
                throw invalid(text);
            }
            long amount = Long.parseLong(parts.group(1));
            total = total.plus(switch (parts.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            end = parts.end();
        }
        if (text.isEmpty() || end != text.length()) {
            throw invalid(text);
        }
        return total;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("every: expected an interval such as 6h, 30m, 1d, 1h30m or PT6H, but was '" + text + "'");
    }

    /** {@code 6h}, {@code 1d}, {@code 1h30m}: the short form of {@code every}. */
    public static String format(Duration every) {
        StringBuilder text = new StringBuilder();
        long seconds = every.toSeconds();
        long[] units = {86400, 3600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (seconds >= units[i]) {
                text.append(seconds / units[i]).append(names[i]);
                seconds %= units[i];
            }
        }
        return text.isEmpty() ? "0s" : text.toString();
    }
}
