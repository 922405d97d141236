package io.sealift.control.testing;

import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentEndpointRepository;
import io.sealift.control.agents.AgentRepository;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Puts enrolled agents straight into the store, as enrollment over gRPC would, so REST and
 * repository tests need no agent process.
 */
public final class StoredAgents {
    private StoredAgents() {
    }

    /**
     * Stores an agent of {@code tenantId} with the given presence and declared endpoints.
     *
     * @param lastSeen when it was last heard from, or {@code null} if never
     */
    public static Agent insert(AgentRepository agents, AgentEndpointRepository endpoints, UUID tenantId, String name,
            boolean connected, Instant lastSeen, List<String> sources, List<String> targets) {
        UUID id = UUID.randomUUID();
        String hex = HexFormat.of().formatHex(uuidBytes(id)) + HexFormat.of().formatHex(uuidBytes(UUID.randomUUID()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Agent agent = agents.save(new Agent(id, tenantId, name, "sha256:" + hex, new byte[] {1, 2, 3},
                new byte[] {4, 5},
                hex.substring(0, 32), now.plus(30, ChronoUnit.DAYS), "0.1.0-test", now, connected,
                lastSeen == null ? null : lastSeen.truncatedTo(ChronoUnit.MICROS), null));
        sources.forEach(s -> endpoints.insert(id, "source", s));
        targets.forEach(t -> endpoints.insert(id, "target", t));
        return agent;
    }

    private static byte[] uuidBytes(UUID id) {
        ByteBuffer buffer = ByteBuffer.allocate(16);
        buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return buffer.array();
    }
}
