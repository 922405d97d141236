package io.sealift.control.grpc.control;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusException;
import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.proto.v1.GetPeerKeysRequest;
import io.sealift.proto.v1.GetPeerKeysResponse;
import io.sealift.proto.v1.SignedKeyBundle;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Hands out agents' signed key bundles to other agents of the same tenant, exactly as the agents
 * signed them. Callers verify them against their own pins. Thread-safe.
 */
@Singleton
public class PeerKeys {
    private final AgentRepository agents;

    /** Creates the lookup over the agent store. */
    public PeerKeys(AgentRepository agents) {
        this.agents = agents;
    }

    /**
     * Returns the bundle of the agent named in {@code request}.
     *
     * @throws StatusException INVALID_ARGUMENT if {@code agent_id} is not a UUID; NOT_FOUND if the
     *     agent is unknown, in another tenant than {@code caller}, or revoked
     */
    public GetPeerKeysResponse lookUp(AuthenticatedAgent caller, GetPeerKeysRequest request) throws StatusException {
        UUID agentId = parse(request.getAgentId());
        Agent agent = agents.findByIdAndTenantId(agentId, caller.tenantId())
                .filter(found -> found.revokedAt() == null)
                .orElseThrow(() -> Status.NOT_FOUND.withDescription("agent " + agentId + " not found").asException());
        return GetPeerKeysResponse.newBuilder()
                .setAgentId(agent.id().toString())
                .setKeyBundle(SignedKeyBundle.newBuilder()
                        .setBundle(ByteString.copyFrom(agent.keyBundle()))
                        .setSignature(ByteString.copyFrom(agent.keyBundleSignature())))
                .build();
    }

    private static UUID parse(String agentId) throws StatusException {
        try {
            return UUID.fromString(agentId);
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription("agent_id must be a UUID").asException();
        }
    }
}
