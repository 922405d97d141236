package io.sealift.control.grpc.auth;

import io.grpc.Status;
import io.grpc.StatusException;
import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.ca.AgentCertificate;
import io.sealift.control.ca.CertificateAuthority;
import io.sealift.control.grpc.internal.AuditRecorder;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Establishes which agent is calling from the TLS session's verified client certificate, and
 * refuses revoked, unknown or superseded agents.
 *
 * <p>Thread-safe. The TLS layer already checked the chain against our CA (the only trust
 * anchor); this class re-checks the signature, then binds the certificate to the stored agent by
 * its serial number, so a certificate stays usable only as long as its agent row says so.
 */
@Singleton
public class AgentAuthenticator {
    static final String CERTIFICATE_REQUIRED = "a client certificate issued by this control plane is required";

    private final AgentRepository agents;
    private final CertificateAuthority ca;
    private final AuditRecorder audit;

    /** Creates the authenticator. */
    public AgentAuthenticator(AgentRepository agents, CertificateAuthority ca, AuditRecorder audit) {
        this.agents = agents;
        this.ca = ca;
        this.audit = audit;
    }

    /**
     * Returns the agent whose certificate authenticated {@code session}.
     *
     * @param session the call's TLS session, or {@code null} if the transport has none
     * @param method the full method name, for the audit record of a refusal
     * @throws StatusException UNAUTHENTICATED without a usable client certificate;
     *     PERMISSION_DENIED for an unknown or revoked agent or a superseded certificate
     */
    public AuthenticatedAgent authenticate(SSLSession session, String method) throws StatusException {
        X509Certificate certificate = clientCertificate(session)
                .orElseThrow(() -> Status.UNAUTHENTICATED.withDescription(CERTIFICATE_REQUIRED).asException());
        UUID agentId = AgentCertificate.agentIdOf(certificate)
                .orElseThrow(() -> Status.UNAUTHENTICATED
                        .withDescription("the client certificate does not name an agent").asException());
        Agent agent = agents.findById(agentId).orElse(null);
        if (agent == null) {
            throw deny(agentId, null, method, "unknown", "agent " + agentId + " is not enrolled");
        }
        if (agent.revokedAt() != null) {
            throw deny(agentId, agent.tenantId(), method, "revoked", "agent " + agentId + " is revoked");
        }
        if (!agent.certSerial().equals(AgentCertificate.serialHexOf(certificate))) {
            throw deny(agentId, agent.tenantId(), method, "certificate_superseded",
                    "the certificate of agent " + agentId + " is no longer valid");
        }
        return new AuthenticatedAgent(agentId, agent.tenantId());
    }

    private Optional<X509Certificate> clientCertificate(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return Optional.empty();
            }
            leaf.verify(ca.certificate().getPublicKey());
            return Optional.of(leaf);
        } catch (SSLPeerUnverifiedException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private StatusException deny(UUID agentId, UUID tenantId, String method, String reason, String description) {
        audit.record(new AuditEntry(tenantId, "agent:" + agentId, "agent.authenticate", "agent:" + agentId,
                "denied", null, Map.of("reason", reason, "method", method)));
        return Status.PERMISSION_DENIED.withDescription(description).asException();
    }
}
