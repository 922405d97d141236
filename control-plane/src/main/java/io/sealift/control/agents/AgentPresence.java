package io.sealift.control.agents;

import io.sealift.control.config.SealiftSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether an agent is online: its control stream was open when last recorded and it
 * was heard from within three heartbeat intervals.
 *
 * <p>The stored {@code connected} flag alone is not enough: a control plane killed without
 * closing its streams leaves it set, and such agents must show offline until they reconnect.
 * Thread-safe.
 */
@Singleton
public class AgentPresence {
    /** How many missed heartbeats make an agent offline. */
    static final int MISSED_HEARTBEATS = 3;

    private final Clock clock;
    private final Duration window;

    /** Creates the rule from the configured heartbeat interval. */
    public AgentPresence(Clock clock, SealiftSettings settings) {
        this.clock = clock;
        this.window = settings.grpc().heartbeatInterval().multipliedBy(MISSED_HEARTBEATS);
    }

    /** Returns {@code online} or {@code offline} for {@code agent} as of now. */
    public String status(Agent agent) {
        Instant lastSeen = agent.lastSeen();
        boolean recent = lastSeen != null && !lastSeen.isBefore(clock.instant().minus(window));
        return agent.connected() && agent.revokedAt() == null && recent ? "online" : "offline";
    }
}
