package io.sealift.agent.control;

import io.grpc.Status;

/**
 * How one control stream ended. Immutable.
 *
 * @param welcomed whether the control plane answered Hello with Welcome
 * @param stable whether at least one heartbeat was acknowledged: the connection stayed up
 * @param status the gRPC status the stream ended with ({@code OK} if the server completed it)
 * @param reason one line saying why it ended, safe to log
 */
public record SessionEnd(boolean welcomed, boolean stable, Status status, String reason) {
    /** Returns whether the control plane refused the agent as revoked. */
    public boolean revoked() {
        return status.getCode() == Status.Code.PERMISSION_DENIED;
    }
}
