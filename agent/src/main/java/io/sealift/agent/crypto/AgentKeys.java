package io.sealift.agent.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.config.TinkConfig2026;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.protobuf.ByteString;
import io.sealift.agent.crypto.internal.TlsClientKey;
import io.sealift.proto.v1.AgentKeyBundle;
import io.sealift.proto.v1.SignedKeyBundle;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * The agent's three private keys: the Ed25519 identity key, the HPKE (X25519) key and the
 * ECDSA P-256 mTLS client key.
 *
 * <p>Keys are born here ({@link #generate}) and their private parts never leave the agent: this
 * class hands out public keys, signatures and (for storage and TLS only) the keyset handles.
 * Immutable and thread-safe. {@link #toString()} shows only the public fingerprint.
 */
public final class AgentKeys {
    /** The fixed {@code purpose} of every {@link AgentKeyBundle}. */
    public static final String BUNDLE_PURPOSE = "sealift.v1.AgentKeyBundle";

    private final KeysetHandle identity;
    private final KeysetHandle hpke;
    private final TlsClientKey tls;
    private final byte[] identityPublicKey;
    private final byte[] hpkePublicKey;

    private AgentKeys(KeysetHandle identity, KeysetHandle hpke, TlsClientKey tls) {
        this.identity = identity;
        this.hpke = hpke;
        this.tls = tls;
        this.identityPublicKey = identityKey(identity).getPublicKey().getPublicKeyBytes().toByteArray();
        this.hpkePublicKey = hpkeKey(hpke).getPublicKey().getPublicKeyBytes().toByteArray();
    }

    /** Returns the parameters of the identity key: Ed25519, raw 32-byte keys and 64-byte signatures. */
    public static Ed25519Parameters identityParameters() {
        return Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX);
    }

    /** Returns the parameters of the HPKE key: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM. */
    public static HpkeParameters hpkeParameters() {
        try {
            return HpkeParameters.builder()
                    .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                    .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                    .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                    .setVariant(HpkeParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink rejected the fixed HPKE parameters", e);
        }
    }

    /** Generates fresh keys; {@code random} feeds the TLS key, Tink uses its own secure source. */
    public static AgentKeys generate(SecureRandom random) {
        try {
            return new AgentKeys(
                    KeysetHandle.generateNew(identityParameters(), TinkConfig2026.get()),
                    KeysetHandle.generateNew(hpkeParameters(), TinkConfig2026.get()),
                    TlsClientKey.generate(random));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate agent keys", e);
        }
    }

    /**
     * Assembles keys loaded from storage.
     *
     * @throws IllegalArgumentException if a keyset does not hold exactly one key of the expected
     *     type and parameters
     */
    public static AgentKeys of(KeysetHandle identity, KeysetHandle hpke, TlsClientKey tls) {
        return new AgentKeys(identity, hpke, tls);
    }

    private static Ed25519PrivateKey identityKey(KeysetHandle handle) {
        if (handle.size() != 1 || !(handle.getPrimary().getKey() instanceof Ed25519PrivateKey key)
                || !key.getParameters().equals(identityParameters())) {
            throw new IllegalArgumentException("identity keyset must hold one Ed25519 NO_PREFIX private key");
        }
        return key;
    }

    private static HpkePrivateKey hpkeKey(KeysetHandle handle) {
        if (handle.size() != 1 || !(handle.getPrimary().getKey() instanceof HpkePrivateKey key)
                || !key.getParameters().equals(hpkeParameters())) {
            throw new IllegalArgumentException("HPKE keyset must hold one X25519/AES-256-GCM NO_PREFIX private key");
        }
        return key;
    }

    /** Returns the fingerprint of the identity public key: the value customers pin on peers. */
    public Fingerprint fingerprint() {
        return Fingerprint.of(identityPublicKey);
    }

    /** Returns the fingerprint of the raw HPKE public key, for display. */
    public Fingerprint hpkeFingerprint() {
        return Fingerprint.of(hpkePublicKey);
    }

    /** Returns the raw 32-byte Ed25519 identity public key. */
    public byte[] identityPublicKey() {
        return identityPublicKey.clone();
    }

    /** Returns the raw 32-byte X25519 public key of the HPKE key. */
    public byte[] hpkePublicKey() {
        return hpkePublicKey.clone();
    }

    /** Returns the mTLS client key. */
    public TlsClientKey tls() {
        return tls;
    }

    /** Returns the identity keyset handle (private), for encrypted storage only. */
    public KeysetHandle identityKeyset() {
        return identity;
    }

    /** Returns the HPKE keyset handle (private), for encrypted storage and decryption only. */
    public KeysetHandle hpkeKeyset() {
        return hpke;
    }

    /** Returns the raw 64-byte Ed25519 signature of {@code data} by the identity key. */
    public byte[] sign(byte[] data) {
        try {
            return identity.getPrimitive(TinkConfig2026.get(), PublicKeySign.class).sign(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("identity key cannot sign", e);
        }
    }

    /**
     * Returns the agent's public keys as a bundle bound to the control plane CA {@code ca},
     * signed by the identity key.
     */
    public SignedKeyBundle signedBundle(Fingerprint ca, Instant createdAt) {
        byte[] bundle = AgentKeyBundle.newBuilder()
                .setPurpose(BUNDLE_PURPOSE)
                .setIdentityPublicKey(ByteString.copyFrom(identityPublicKey))
                .setHpkePublicKey(ByteString.copyFrom(hpkePublicKey))
                .setTlsPublicKey(ByteString.copyFrom(tls.publicKeyInfo()))
                .setCaFingerprint(ca.value())
                .setCreatedAtEpochSeconds(createdAt.getEpochSecond())
                .build()
                .toByteArray();
        return SignedKeyBundle.newBuilder()
                .setBundle(ByteString.copyFrom(bundle))
                .setSignature(ByteString.copyFrom(sign(bundle)))
                .build();
    }

    @Override
    public String toString() {
        return "AgentKeys[" + fingerprint() + "]";
    }
}
