package io.trustgate.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The time arguments of the CLI: a duration from now ({@code 30d}, {@code 12h}, {@code 90m}), a date or an instant. */
final class Times {
    private Times() {}

    /**
     * Parses {@code s}; a duration is added to {@code now} times {@code direction} (1 for the future, -1 for the
     * past). Dates are midnight UTC.
     */
    static Instant parse(String s, Instant now, int direction, String option) {
        String v = s.strip();
        try {
            if (v.matches("\\d{1,9}[dhm]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                Duration d = switch (v.charAt(v.length() - 1)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                };
                return direction > 0 ? now.plus(d) : now.minus(d);
            }
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(v);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new CliException(
                    option + " takes a duration (30d, 12h, 90m), a date (2026-12-31) or an instant"
                            + " (2026-12-31T10:00:00Z), was '" + s + "'",
                    2);
        }
    }
}
