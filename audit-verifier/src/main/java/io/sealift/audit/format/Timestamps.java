package io.sealift.audit.format;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Times as the export format writes them: UTC, always six fractional digits, e.g.
 * {@code 2026-05-01T12:00:00.123456Z}. One instant has exactly one form.
 *
 * <p>Stateless and thread-safe.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
    private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Timestamps() {
    }

    /** Returns the canonical form of {@code time}, which {@link #requireCanonical} must accept. */
    public static String format(Instant time) {
        return FORMAT.format(requireCanonical("time", time));
    }

    /**
     * Returns {@code time} if it has a canonical form: whole microseconds, years 0000 to 9999.
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    public static Instant requireCanonical(String field, Instant time) {
        if (time == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (!time.truncatedTo(ChronoUnit.MICROS).equals(time) || time.isBefore(MIN) || time.isAfter(MAX)) {
            throw new IllegalArgumentException(field + " must be whole microseconds between the years 0000 and 9999");
        }
        return time;
    }

    /**
     * Parses a canonical time.
     *
     * @throws FormatException naming {@code field} if {@code text} is not one
     */
    public static Instant parse(String field, String text) throws FormatException {
        if (text == null || !SHAPE.matcher(text).matches()) {
            throw new FormatException(field + " must be a UTC time like 2026-05-01T12:00:00.123456Z");
        }
        try {
            Instant time = Instant.parse(text);
            if (!format(time).equals(text)) {
                throw new FormatException(field + " is not a valid calendar time");
            }
            return time;
        } catch (java.time.format.DateTimeParseException e) {
            throw new FormatException(field + " is not a valid calendar time");
        }
    }
}
