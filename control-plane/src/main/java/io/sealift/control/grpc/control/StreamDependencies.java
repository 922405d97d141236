package io.sealift.control.grpc.control;

import io.sealift.control.grpc.internal.AuditRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every {@link ControlStream} needs, shared by all of them.
 *
 * @param presence records connect, heartbeat and disconnect in the store
 * @param connections the registry of current streams
 * @param listener hears stream events (the jobs seam)
 * @param audit the audit log
 * @param scheduler runs liveness checks
 * @param clock the time source
 * @param heartbeatInterval how often agents must send a heartbeat
 */
record StreamDependencies(PresenceRecorder presence, AgentConnections connections, ControlStreamListener listener,
        AuditRecorder audit, ScheduledExecutorService scheduler, Clock clock, Duration heartbeatInterval) {

    /** How long an agent may stay silent before its stream is closed: three heartbeat intervals. */
    Duration livenessTimeout() {
        return heartbeatInterval.multipliedBy(3);
    }

    /** The interval as Welcome announces it: whole seconds, rounded up, at least one. */
    int heartbeatSeconds() {
        return (int) Math.max(1, (heartbeatInterval.toMillis() + 999) / 1000);
    }
}
