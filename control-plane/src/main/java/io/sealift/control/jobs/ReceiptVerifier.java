package io.sealift.control.jobs;

import com.google.crypto.tink.subtle.Ed25519Verify;
import com.google.protobuf.InvalidProtocolBufferException;
import io.sealift.control.agents.Agent;
import io.sealift.proto.v1.AgentKeyBundle;
import io.sealift.proto.v1.Receipt;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Checks an agent's signed receipt: it parses, names this job, session, agent and role, and its
 * Ed25519 signature holds against the identity key in the agent's stored, self-signed key
 * bundle. Stateless and thread-safe.
 *
 * <p>The control plane records the result but is not the trust anchor: auditors re-verify the
 * stored bytes with the agent's key themselves.
 */
final class ReceiptVerifier {
    /** The fixed {@code purpose} of every receipt. */
    static final String PURPOSE = "sealift.v1.Receipt";

    private ReceiptVerifier() {
    }

    /** Returns whether {@code signature} over {@code receipt} is {@code agent}'s and the receipt fits the session. */
    static boolean verify(byte[] receipt, byte[] signature, Agent agent, Job job, JobRole role) {
        Optional<Receipt> parsed = parse(receipt);
        if (parsed.isEmpty() || !fits(parsed.get(), agent, job, role)) {
            return false;
        }
        return identityKey(agent).map(key -> holds(key, signature, receipt)).orElse(false);
    }

    /** Parses a stored receipt; empty if it is not a {@code sealift.v1.Receipt}. */
    static Optional<Receipt> parse(byte[] receipt) {
        try {
            return Optional.of(Receipt.parseFrom(receipt));
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    private static boolean fits(Receipt receipt, Agent agent, Job job, JobRole role) {
        return PURPOSE.equals(receipt.getPurpose())
                && job.id().toString().equals(receipt.getJobId())
                && job.session() == receipt.getSession()
                && agent.id().toString().equals(receipt.getAgentId())
                && role.proto() == receipt.getRole();
    }

    /** Returns the identity key of the agent's bundle, if the bundle's own signature holds. */
    static Optional<byte[]> identityKey(Agent agent) {
        try {
            byte[] key = AgentKeyBundle.parseFrom(agent.keyBundle()).getIdentityPublicKey().toByteArray();
            if (key.length != Ed25519Verify.PUBLIC_KEY_LEN || !holds(key, agent.keyBundleSignature(), agent.keyBundle())) {
                return Optional.empty();
            }
            return Optional.of(key);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    private static boolean holds(byte[] publicKey, byte[] signature, byte[] data) {
        if (signature.length != Ed25519Verify.SIGNATURE_LEN) {
            return false;
        }
        try {
            new Ed25519Verify(publicKey).verify(signature, data);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
