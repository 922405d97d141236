package io.sealift.control.audit;

import io.micronaut.core.annotation.Nullable;
import io.sealift.audit.format.Chains;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an audit export asks for: one chain, an inclusive range and a format.
 *
 * <p>Immutable. A bound is either a sequence number in the exported chain (digits only) or an
 * ISO-8601 UTC time ({@code 2026-05-01T00:00:00Z}); a time selects the first record at or
 * after {@code from} and the last at or before {@code to}.
 *
 * @param chain the chain: {@code global}, {@code platform} or {@code tenant:<id>}
 * @param from the first record wanted, or {@code null} for the oldest kept
 * @param to the last record wanted, or {@code null} for the newest
 * @param format the format
 */
public record ExportRequest(String chain, @Nullable Bound from, @Nullable Bound to, ExportFormat format) {
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    /**
     * Validates the chain's name and that the range is not reversed.
     *
     * @throws IllegalArgumentException naming the bad parameter
     */
    public ExportRequest {
        Chains.requireValid(chain);
        Objects.requireNonNull(format, "format");
        if (from instanceof Bound.Seq low && to instanceof Bound.Seq high && low.seq() > high.seq()) {
            throw new IllegalArgumentException("from: " + low.seq() + " is after to: " + high.seq());
        }
        if (from instanceof Bound.Time low && to instanceof Bound.Time high && low.time().isAfter(high.time())) {
            throw new IllegalArgumentException("from: " + low.time() + " is after to: " + high.time());
        }
    }

    /**
     * Parses the query parameters.
     *
     * @throws IllegalArgumentException naming the parameter that is malformed
     */
    public static ExportRequest parse(String chain, @Nullable String from, @Nullable String to, @Nullable String format) {
        return new ExportRequest(chain, bound("from", from), bound("to", to), ExportFormat.parse(format));
    }

    private static Bound bound(String name, @Nullable String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (DIGITS.matcher(text).matches()) {
            return new Bound.Seq(Long.parseLong(text));
        }
        try {
            return new Bound.Time(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": must be a sequence number or an ISO-8601 UTC time such as"
                    + " 2026-05-01T00:00:00Z");
        }
    }

    /** One end of the range. */
    public sealed interface Bound {
        /**
         * A sequence number in the exported chain.
         *
         * @param seq the sequence number
         */
        record Seq(long seq) implements Bound {
        }

        /**
         * A time.
         *
         * @param time the time
         */
        record Time(Instant time) implements Bound {
        }
    }
}
