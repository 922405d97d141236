package io.sealift.control.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sealift.control.config.SealiftSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentPresenceTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private final AgentPresence presence = new AgentPresence(Clock.fixed(NOW, ZoneOffset.UTC),
            new SealiftSettings("/tmp/unused", new SealiftSettings.Grpc("0.0.0.0", 0, List.of(), 4096,
                    Duration.ofSeconds(5))));

    @Test
    void connectedAgent_heardFromWithinThreeHeartbeats_isOnline() {
        assertEquals("online", presence.status(agent(true, NOW)));
        assertEquals("online", presence.status(agent(true, NOW.minusSeconds(15))));
    }

    @Test
    void connectedAgent_silentForLongerThanThreeHeartbeats_isOffline() {
        assertEquals("offline", presence.status(agent(true, NOW.minusSeconds(15).minusMillis(1))));
    }

    @Test
    void disconnectedNeverSeenOrRevokedAgent_isOffline() {
        assertEquals("offline", presence.status(agent(false, NOW)));
        assertEquals("offline", presence.status(agent(true, null)));
        Agent revoked = agent(true, NOW);
        assertEquals("offline", presence.status(new Agent(revoked.id(), revoked.tenantId(), revoked.name(),
                revoked.fingerprint(), revoked.keyBundle(), revoked.keyBundleSignature(), revoked.certSerial(),
                revoked.certNotAfter(), revoked.version(), revoked.enrolledAt(), true, NOW, NOW)));
    }

    private static Agent agent(boolean connected, Instant lastSeen) {
        return new Agent(UUID.randomUUID(), UUID.randomUUID(), "a", "sha256:00", new byte[0], new byte[0], "01",
                NOW.plusSeconds(86400), null, NOW.minusSeconds(3600), connected, lastSeen, null);
    }
}
