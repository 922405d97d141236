package io.sealift.audit.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a checkpoint asserts: record {@code seq} of {@code chain} has hash {@code hash}, as of
 * {@code time}. The control plane signs its {@link #statement()} with its audit key.
 *
 * <p>The statement is the {@link CanonicalJson} object of {@code chain}, {@code hash},
 * {@code keyFingerprint}, {@code seq}, {@code time}, {@code type} (always {@code "checkpoint"})
 * and {@code v} (always 1), as UTF-8. A checkpoint at seq 0 asserts the empty chain and has
 * {@link Sha256#GENESIS} as its hash. Immutable and thread-safe.
 *
 * @param chain the chain: {@code global}, {@code platform} or {@code tenant:<id>}
 * @param seq the sequence number, in that chain, of the last record it covers; 0 for none
 * @param hash that record's hash
 * @param time when it was signed, UTC, whole microseconds
 * @param keyFingerprint the fingerprint of the key that signs it
 */
public record Checkpoint(String chain, long seq, String hash, Instant time, String keyFingerprint) {
    /** The value of the {@code type} member of checkpoints. */
    public static final String TYPE = "checkpoint";
    /** The format version of checkpoints: the value of their {@code v} member. */
    public static final long VERSION = 1;

    /**
     * Validates the checkpoint.
     *
     * @throws IllegalArgumentException naming the first member that breaks a rule
     */
    public Checkpoint {
        Chains.requireValid(chain);
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be 0 or more, not " + seq);
        }
        Sha256.requireHex("hash", hash);
        if (seq == 0 && !Sha256.GENESIS.equals(hash)) {
            throw new IllegalArgumentException("a checkpoint at seq 0 must have the genesis hash (64 zeros)");
        }
        Timestamps.requireCanonical("time", time);
        if (!AuditPublicKey.isFingerprint(keyFingerprint)) {
            throw new IllegalArgumentException("keyFingerprint must be sha256: and 64 lowercase hex digits");
        }
    }

    /** Returns the genesis checkpoint of {@code chain}: seq 0, the genesis hash. */
    public static Checkpoint genesis(String chain, Instant time, String keyFingerprint) {
        return new Checkpoint(chain, 0, Sha256.GENESIS, time, keyFingerprint);
    }

    /** Returns the bytes that are signed: the canonical form of the statement, as UTF-8. */
    public byte[] statement() {
        return CanonicalJson.write(members()).getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the statement's members, in a new mutable map. */
    Map<String, Object> members() {
        Map<String, Object> members = new TreeMap<>();
        members.put("chain", chain);
        members.put("hash", hash);
        members.put("keyFingerprint", keyFingerprint);
        members.put("seq", seq);
        members.put("time", Timestamps.format(time));
        members.put("type", TYPE);
        members.put("v", VERSION);
        return members;
    }
}
