package io.sealift.agent.testing;

import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.crypto.Fingerprint;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.PinnedPeer;
import io.sealift.agent.transfer.format.SessionContext;
import io.sealift.proto.v1.SignedKeyBundle;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/** Two agents' keys for transfer tests, generated once per JVM, and the pins between them. */
public final class TestPeers {
    public static final Fingerprint CA = Fingerprint.of(new byte[] {7});
    public static final String SENDER_ID = "11111111-1111-1111-1111-111111111111";
    public static final String RECEIVER_ID = "22222222-2222-2222-2222-222222222222";
    public static final AgentKeys SENDER = AgentKeys.generate(new SecureRandom());
    public static final AgentKeys RECEIVER = AgentKeys.generate(new SecureRandom());
    public static final AgentKeys STRANGER = AgentKeys.generate(new SecureRandom());

    private TestPeers() {
    }

    public static SignedKeyBundle bundle(AgentKeys keys) {
        return keys.signedBundle(CA, Instant.ofEpochSecond(1_700_000_000));
    }

    /** The sender as the receiver pins it. */
    public static PinnedPeer pinnedSender() {
        return pin(SENDER_ID, SENDER);
    }

    /** The receiver as the sender pins it. */
    public static PinnedPeer pinnedReceiver() {
        return pin(RECEIVER_ID, RECEIVER);
    }

    public static PinnedPeer pin(String agentId, AgentKeys keys) {
        try {
            return PinnedPeer.check(agentId, bundle(keys), List.of(keys.fingerprint()), "test pins");
        } catch (TransferException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SessionContext context(String jobId, long session) {
        return new SessionContext(jobId, session, SENDER_ID, RECEIVER_ID);
    }
}
