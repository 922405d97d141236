package io.sealift.agent.transfer.format;

import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.subtle.Ed25519Verify;
import com.google.crypto.tink.util.Bytes;
import io.sealift.agent.crypto.Fingerprint;
import io.sealift.agent.crypto.InvalidKeyBundleException;
import io.sealift.agent.crypto.VerifiedKeyBundle;
import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.SignedKeyBundle;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * A peer agent the local config trusts: its key bundle's signature holds and the fingerprint of
 * its identity key is one of the endpoint's pins. The control plane hands out the bundle, but
 * only the pins decide; a bundle it swapped in fails here with {@code UNTRUSTED_KEY}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PinnedPeer {
    private final String agentId;
    private final VerifiedKeyBundle bundle;
    private final PublicKeyVerify identity;

    private PinnedPeer(String agentId, VerifiedKeyBundle bundle) throws GeneralSecurityException {
        this.agentId = agentId;
        this.bundle = bundle;
        this.identity = Ed25519Verify.create(Ed25519PublicKey.create(
                Bytes.copyFrom(bundle.bundle().getIdentityPublicKey().toByteArray())));
    }

    /**
     * Verifies {@code signed} and checks its identity fingerprint against {@code pins}.
     *
     * @param agentId the peer's agent id, as the job names it
     * @param signed the peer's signed key bundle, as the control plane has it
     * @param pins the fingerprints the endpoint trusts ({@code recipients} or {@code senders})
     * @param pinsName what the pins are called, for the log message (e.g. "recipients of source 'hr'")
     * @throws TransferException with {@code UNTRUSTED_KEY} if the bundle does not verify or is not pinned
     */
    public static PinnedPeer check(String agentId, SignedKeyBundle signed, List<Fingerprint> pins, String pinsName)
            throws TransferException {
        VerifiedKeyBundle bundle;
        try {
            bundle = VerifiedKeyBundle.verify(signed);
        } catch (InvalidKeyBundleException e) {
            throw new TransferException(ErrorCode.UNTRUSTED_KEY,
                    "the key bundle of peer agent " + agentId + " is invalid: " + e.getMessage(), e);
        }
        if (!pins.contains(bundle.fingerprint())) {
            throw new TransferException(ErrorCode.UNTRUSTED_KEY, "peer agent " + agentId + " has identity key "
                    + bundle.fingerprint() + ", which is not in the " + pinsName + " " + pins);
        }
        try {
            return new PinnedPeer(agentId, bundle);
        } catch (GeneralSecurityException e) {
            throw new TransferException(ErrorCode.UNTRUSTED_KEY, "the identity key of peer agent " + agentId
                    + " is unusable", e);
        }
    }

    /** Returns the peer's agent id. */
    public String agentId() {
        return agentId;
    }

    /** Returns the pinned identity fingerprint. */
    public Fingerprint fingerprint() {
        return bundle.fingerprint();
    }

    /** Returns the raw X25519 public key of the peer's HPKE key. */
    byte[] hpkePublicKey() {
        return bundle.bundle().getHpkePublicKey().toByteArray();
    }

    /**
     * Checks that {@code signature} is the peer identity key's signature of {@code data}.
     *
     * @throws TransferException with {@code TAMPERED} if it is not
     */
    void verify(byte[] signature, byte[] data, String what) throws TransferException {
        try {
            identity.verify(signature, data);
        } catch (GeneralSecurityException e) {
            throw new TransferException(ErrorCode.TAMPERED,
                    what + " is not signed by the pinned key " + fingerprint() + " of agent " + agentId);
        }
    }

    @Override
    public String toString() {
        return "PinnedPeer[" + agentId + ", " + fingerprint() + "]";
    }
}
