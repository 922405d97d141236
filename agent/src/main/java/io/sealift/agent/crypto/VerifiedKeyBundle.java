package io.sealift.agent.crypto;

import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.subtle.Ed25519Verify;
import com.google.crypto.tink.util.Bytes;
import com.google.protobuf.InvalidProtocolBufferException;
import io.sealift.proto.v1.AgentKeyBundle;
import io.sealift.proto.v1.SignedKeyBundle;
import java.security.GeneralSecurityException;

/**
 * An {@link AgentKeyBundle} whose identity-key signature has been checked, with the fingerprint
 * of that identity key.
 *
 * <p>A verified bundle is self-consistent only: callers still compare {@link #fingerprint()}
 * with a locally pinned fingerprint before trusting the keys in it. Immutable.
 */
public record VerifiedKeyBundle(AgentKeyBundle bundle, Fingerprint fingerprint) {
    private static final int RAW_KEY_LENGTH = 32;
    private static final int SIGNATURE_LENGTH = 64;

    /**
     * Verifies {@code signed}. The identity key sits inside the signed bytes, so the bundle is
     * parsed first; none of its fields is used before the signature holds.
     *
     * @throws InvalidKeyBundleException if the bundle is malformed, has the wrong purpose or key
     *     lengths, or its signature does not verify
     */
    public static VerifiedKeyBundle verify(SignedKeyBundle signed) throws InvalidKeyBundleException {
        AgentKeyBundle bundle = parse(signed);
        byte[] identity = bundle.getIdentityPublicKey().toByteArray();
        if (identity.length != RAW_KEY_LENGTH) {
            throw new InvalidKeyBundleException("identity key has " + identity.length + " bytes; expected 32");
        }
        if (signed.getSignature().size() != SIGNATURE_LENGTH) {
            throw new InvalidKeyBundleException(
                    "signature has " + signed.getSignature().size() + " bytes; expected 64");
        }
        checkSignature(identity, signed);
        checkContents(bundle);
        return new VerifiedKeyBundle(bundle, Fingerprint.of(identity));
    }

    private static AgentKeyBundle parse(SignedKeyBundle signed) throws InvalidKeyBundleException {
        try {
            return AgentKeyBundle.parseFrom(signed.getBundle());
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidKeyBundleException("key bundle is not a valid AgentKeyBundle");
        }
    }

    private static void checkSignature(byte[] identity, SignedKeyBundle signed) throws InvalidKeyBundleException {
        try {
            Ed25519Verify.create(Ed25519PublicKey.create(Bytes.copyFrom(identity)))
                    .verify(signed.getSignature().toByteArray(), signed.getBundle().toByteArray());
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyBundleException("key bundle signature does not verify");
        }
    }

    private static void checkContents(AgentKeyBundle bundle) throws InvalidKeyBundleException {
        if (!AgentKeys.BUNDLE_PURPOSE.equals(bundle.getPurpose())) {
            throw new InvalidKeyBundleException("key bundle purpose must be " + AgentKeys.BUNDLE_PURPOSE);
        }
        if (bundle.getHpkePublicKey().size() != RAW_KEY_LENGTH) {
            throw new InvalidKeyBundleException(
                    "HPKE key has " + bundle.getHpkePublicKey().size() + " bytes; expected 32");
        }
        if (!Fingerprint.isValid(bundle.getCaFingerprint())) {
            throw new InvalidKeyBundleException("key bundle CA fingerprint must be " + Fingerprint.RULE);
        }
    }
}
