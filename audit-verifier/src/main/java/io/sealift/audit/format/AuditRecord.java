package io.sealift.audit.format;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One audit record with its two chain links, exactly as it is hashed.
 *
 * <p>Its canonical form ({@link #canonicalForm()}) is the {@link CanonicalJson} object of these
 * members: {@code action}, {@code actor}, {@code chain}, {@code chainPrev}, {@code chainSeq},
 * {@code correlationId}, {@code details}, {@code outcome}, {@code prev}, {@code seq},
 * {@code target}, {@code tenant}, {@code time}, {@code type} (always {@code "record"}) and
 * {@code v} (always 1). Its hash is the SHA-256 of that form's UTF-8 bytes; the next record of
 * the global chain carries it as {@code prev}, the next record of its scope chain as
 * {@code chainPrev}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param seq its position in the global chain, from 1
 * @param prev the hash of the global chain's previous record, {@link Sha256#GENESIS} for seq 1
 * @param chain its scope chain: {@code tenant:<id>} or {@code platform} ({@link Chains#scopeOf})
 * @param chainSeq its position in the scope chain, from 1
 * @param chainPrev the hash of the scope chain's previous record, {@link Sha256#GENESIS} for the first
 * @param time when it was appended, UTC, whole microseconds
 * @param tenant the tenant concerned, or {@code null} for a platform record
 * @param actor who acted: {@code token:<id>}, {@code agent:<id>}, {@code anonymous}, {@code system}...
 * @param action what was done, e.g. {@code tenant.create}
 * @param target what it was done to, or {@code null}
 * @param outcome {@code success}, {@code denied}, {@code failure}...
 * @param correlationId the request's correlation id, or {@code null}
 * @param details further metadata: ASCII keys, string (or null) values
 */
public record AuditRecord(long seq, String prev, String chain, long chainSeq, String chainPrev, Instant time,
        UUID tenant, String actor, String action, String target, String outcome, String correlationId,
        Map<String, String> details) {
    /** The value of the {@code type} member of records. */
    public static final String TYPE = "record";
    /** The format version of records: the value of their {@code v} member. */
    public static final long VERSION = 1;

    private static final Pattern DETAIL_KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException naming the first member that breaks a rule
     */
    public AuditRecord {
        requirePositive("seq", seq);
        requirePositive("chainSeq", chainSeq);
        Sha256.requireHex("prev", prev);
        Sha256.requireHex("chainPrev", chainPrev);
        if (!Chains.scopeOf(tenant).equals(chain)) {
            throw new IllegalArgumentException("chain must be " + Chains.scopeOf(tenant) + " for tenant " + tenant);
        }
        Timestamps.requireCanonical("time", time);
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        details = copyDetails(details);
    }

    /** Returns the canonical form: the JSON text whose UTF-8 bytes are hashed. */
    public String canonicalForm() {
        return CanonicalJson.write(members());
    }

    /** Returns the record's hash: the lowercase hex SHA-256 of its canonical form. */
    public String hash() {
        return Sha256.hexOfUtf8(canonicalForm());
    }

    /** Returns the members of the canonical form, in a new mutable map. */
    Map<String, Object> members() {
        Map<String, Object> members = new TreeMap<>();
        members.put("action", action);
        members.put("actor", actor);
        members.put("chain", chain);
        members.put("chainPrev", chainPrev);
        members.put("chainSeq", chainSeq);
        members.put("correlationId", correlationId);
        members.put("details", details);
        members.put("outcome", outcome);
        members.put("prev", prev);
        members.put("seq", seq);
        members.put("target", target);
        members.put("tenant", tenant == null ? null : tenant.toString());
        members.put("time", Timestamps.format(time));
        members.put("type", TYPE);
        members.put("v", VERSION);
        return members;
    }

    /** Returns this record's sequence number in {@code exported}: the global chain's, or its scope chain's. */
    public long seqIn(String exported) {
        return Chains.GLOBAL.equals(exported) ? seq : chainSeq;
    }

    /** Returns the hash of this record's predecessor in {@code exported}. */
    public String prevIn(String exported) {
        return Chains.GLOBAL.equals(exported) ? prev : chainPrev;
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more, not " + value);
        }
    }

    private static Map<String, String> copyDetails(Map<String, String> details) {
        TreeMap<String, String> copy = new TreeMap<>();
        if (details != null) {
            details.forEach((key, value) -> {
                if (key == null || !DETAIL_KEY.matcher(key).matches()) {
                    throw new IllegalArgumentException("details keys must be 1 to 64 characters of [A-Za-z0-9._-]");
                }
                copy.put(key, value);
            });
        }
        return Collections.unmodifiableMap(copy);
    }
}
