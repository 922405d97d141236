package io.sealift.control.testing;

import com.google.protobuf.ByteString;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.sealift.control.relay.RelayDirection;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The test hook that damages payloads in transit: a {@link RecordingRelayTap} (it records what it
 * forwards) that flips one chosen bit of one chosen payload per job, after TLS is terminated, so
 * a test can prove the agents detect tampering by the relay. Test classpath only; it replaces the
 * recorder when the property {@value #PLAN_PROPERTY} is set (as a Micronaut property, e.g. a
 * {@code -D} system property of a control-plane process).
 *
 * <p>{@value #PLAN_PROPERTY} names the <em>plan</em>, a text file with one line per job, in the
 * order the jobs' first payloads reach the relay: line k (blank lines and lines starting with
 * {@code #} do not count) says what to do to the k-th job, and jobs beyond the last line are left
 * alone. The file is read again whenever a new job's first payload arrives, so a test may append
 * the next job's line just before it creates the job. A line is {@code none}, or
 * {@code <direction> <payload> <offset> <bit>}:
 * <ul>
 *   <li>direction: {@code SOURCE_TO_TARGET} or {@code TARGET_TO_SOURCE};
 *   <li>payload: which payload of a session in that direction, from 0;
 *   <li>offset: a byte offset from 0, or, written with a decimal point, a fraction of the
 *       payload's length in [0, 1) ({@code 0.5}: the byte at ⌊0.5 × length⌋);
 *   <li>bit: 0 (least significant) to 7.
 * </ul>
 * Each line damages at most one payload: the chosen one of the first session of its job that
 * gets that far, so a later session of the job (a retry) passes untouched. The flip is made in a
 * copy (a {@code ByteString} is immutable).
 *
 * <p>{@value #LOG_PROPERTY} names the <em>log</em>: one line is appended for each chosen payload,
 * {@code flipped job=<id> session=<n> direction=<d> payload=<i> size=<bytes> offset=<o> bit=<b>
 * before=<hex> after=<hex>}, or {@code missed ...} with the same fields up to {@code bit} when an
 * absolute offset lies beyond the payload (nothing is changed then).
 *
 * <p>Thread-safe.
 */
@Singleton
@Replaces(RecordingRelayTap.class)
@Requires(property = TamperingRelayTap.PLAN_PROPERTY)
public class TamperingRelayTap extends RecordingRelayTap {
    /** The property naming the plan file. */
    public static final String PLAN_PROPERTY = "sealift.test.relay-tamper";
    /** The property naming the log file. */
    public static final String LOG_PROPERTY = "sealift.test.relay-tamper-log";

    private final Path plan;
    private final Path log;
    private final Map<UUID, JobTamper> jobs = new HashMap<>();
    private final Map<String, Long> payloads = new HashMap<>();

    /** Where and how to damage one job's payload. */
    record Spec(RelayDirection direction, long payload, long offset, double fraction, int bit) {
        static Spec parse(String line) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length != 4) {
                throw invalid(line, "a line is 'none' or '<direction> <payload> <offset> <bit>'");
            }
            RelayDirection direction;
            try {
                direction = RelayDirection.valueOf(fields[0]);
            } catch (IllegalArgumentException e) {
                throw invalid(line, "the direction is SOURCE_TO_TARGET or TARGET_TO_SOURCE");
            }
            long payload = number(line, fields[1], "the payload index");
            long offset = fields[2].contains(".") ? -1 : number(line, fields[2], "the offset");
            double fraction = fields[2].contains(".") ? fraction(line, fields[2]) : -1;
            long bit = number(line, fields[3], "the bit");
            if (bit > 7) {
                throw invalid(line, "the bit is 0 to 7");
            }
            return new Spec(direction, payload, offset, fraction, (int) bit);
        }

        long offsetIn(int size) {
            return offset >= 0 ? offset : (long) Math.floor(fraction * size);
        }

        private static long number(String line, String field, String what) {
            try {
                long value = Long.parseLong(field);
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(line, what + " is a whole number from 0");
        }

        private static double fraction(String line, String field) {
            try {
                double value = Double.parseDouble(field);
                if (value >= 0 && value < 1) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(line, "a fractional offset lies in [0, 1)");
        }

        private static IllegalArgumentException invalid(String line, String rule) {
            return new IllegalArgumentException("Invalid tamper plan line '" + line + "'; " + rule);
        }
    }

    /** One job's line of the plan, and whether it has been carried out. */
    private static final class JobTamper {
        private final Spec spec;
        private boolean done;

        JobTamper(Spec spec) {
            this.spec = spec;
            this.done = spec == null;
        }
    }

    /**
     * Creates the tap.
     *
     * @param plan the plan file; it need not exist yet (no line yet: nothing is damaged)
     * @param log the log file, appended to
     * @throws IllegalArgumentException if the plan exists and has a malformed line
     */
    @Inject
    public TamperingRelayTap(@Property(name = PLAN_PROPERTY) String plan, @Property(name = LOG_PROPERTY) String log) {
        this.plan = Path.of(plan);
        this.log = Path.of(log);
        readPlan();
    }

    /** Flips the planned bit of {@code payload} (in a copy) if it is the chosen one, records and returns what goes on. */
    @Override
    public ByteString onFrame(UUID jobId, long session, RelayDirection direction, ByteString payload) {
        return super.onFrame(jobId, session, direction, tamper(jobId, session, direction, payload));
    }

    private synchronized ByteString tamper(UUID jobId, long session, RelayDirection direction, ByteString payload) {
        JobTamper job = jobs.get(jobId);
        if (job == null) {
            List<Spec> lines = readPlan();
            job = new JobTamper(jobs.size() < lines.size() ? lines.get(jobs.size()) : null);
            jobs.put(jobId, job);
        }
        long index = payloads.merge(jobId + "/" + session + "/" + direction, 1L, Long::sum) - 1;
        if (job.done || job.spec.direction() != direction || job.spec.payload() != index) {
            return payload;
        }
        job.done = true;
        Spec spec = job.spec;
        long offset = spec.offsetIn(payload.size());
        String where = "job=" + jobId + " session=" + session + " direction=" + direction + " payload=" + index
                + " size=" + payload.size() + " offset=" + offset + " bit=" + spec.bit();
        if (offset >= payload.size()) {
            appendLog("missed " + where);
            return payload;
        }
        byte[] bytes = payload.toByteArray();
        byte before = bytes[(int) offset];
        bytes[(int) offset] ^= (byte) (1 << spec.bit());
        appendLog(String.format(Locale.ROOT, "flipped %s before=%02x after=%02x", where, before & 0xff,
                bytes[(int) offset] & 0xff));
        return ByteString.copyFrom(bytes);
    }

    private List<Spec> readPlan() {
        if (!Files.exists(plan)) {
            return List.of();
        }
        try {
            List<Spec> specs = new ArrayList<>();
            for (String line : Files.readAllLines(plan, StandardCharsets.UTF_8)) {
                String text = line.strip();
                if (!text.isEmpty() && !text.startsWith("#")) {
                    specs.add(text.equals("none") ? null : Spec.parse(text));
                }
            }
            return specs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tamper plan " + plan, e);
        }
    }

    private void appendLog(String line) {
        try {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tamper log " + log, e);
        }
    }
}
