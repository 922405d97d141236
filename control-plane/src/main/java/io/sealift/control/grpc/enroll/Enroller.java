package io.sealift.control.grpc.enroll;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusException;
import io.sealift.control.agents.Agent;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.ca.AgentCertificate;
import io.sealift.control.ca.CertificateAuthority;
import io.sealift.control.enrollment.EnrollmentToken;
import io.sealift.control.enrollment.EnrollmentTokenRepository;
import io.sealift.control.grpc.internal.AuditRecorder;
import io.sealift.control.secrets.IssuedSecret;
import io.sealift.proto.v1.EnrollRequest;
import io.sealift.proto.v1.EnrollResponse;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Enrolls agents: checks an {@link EnrollRequest}, consumes its single-use token, stores the agent
 * and issues its client certificate.
 *
 * <p>Thread-safe. Every attempt is audited as {@code agent.enroll} with actor
 * {@code enrollment-token:<id>} (or {@code anonymous} when the token is unknown), never with the
 * token or its hash. A refused attempt stores nothing but its audit record.
 */
@Singleton
public class Enroller {
    private static final String UNIQUE_VIOLATION = "23505";

    private final CertificateAuthority ca;
    private final EnrollRequestValidator validator;
    private final EnrollmentTokenRepository tokens;
    private final AgentRegistration registration;
    private final AuditRecorder audit;
    private final Clock clock;

    /** Creates the enroller. */
    public Enroller(CertificateAuthority ca, EnrollmentTokenRepository tokens, AgentRegistration registration,
            AuditRecorder audit, Clock clock) {
        this.ca = ca;
        this.validator = new EnrollRequestValidator(ca.fingerprint());
        this.tokens = tokens;
        this.registration = registration;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Enrolls the agent described by {@code request}.
     *
     * @throws StatusException INVALID_ARGUMENT for a malformed or mismatched field, UNAUTHENTICATED
     *     for an unknown, revoked, used or expired token, ALREADY_EXISTS for an identity key that is
     *     already enrolled
     */
    public EnrollResponse enroll(EnrollRequest request) throws StatusException {
        Optional<EnrollmentToken> token = lookUp(request.getToken());
        try {
            return enroll(request, token);
        } catch (EnrollmentRefusal refusal) {
            audit.record(new AuditEntry(token.map(EnrollmentToken::tenantId).orElse(null), actor(token),
                    "agent.enroll", null, "denied", null, refusal.auditDetails()));
            throw refusal.toStatusException();
        }
    }

    private Optional<EnrollmentToken> lookUp(String token) {
        if (!EnrollRequestValidator.plausibleToken(token)) {
            return Optional.empty();
        }
        return tokens.findByTokenHash(IssuedSecret.presented(token).hash());
    }

    private EnrollResponse enroll(EnrollRequest request, Optional<EnrollmentToken> found) throws EnrollmentRefusal {
        ValidEnrollRequest valid = validator.validate(request);
        EnrollmentToken token = found.orElseThrow(TokenProblem.UNKNOWN::refusal);
        Instant now = clock.instant();
        Optional<TokenProblem> problem = TokenProblem.of(token, now);
        if (problem.isPresent()) {
            throw problem.get().refusal();
        }
        UUID agentId = UUID.randomUUID();
        AgentCertificate certificate = ca.issueAgentCertificate(agentId, token.tenantId(), valid.csr());
        register(token, agentFor(agentId, token.tenantId(), valid, certificate, now), now);
        audit.record(new AuditEntry(token.tenantId(), actor(found), "agent.enroll", "agent:" + agentId, "success",
                null, Map.of("fingerprint", valid.fingerprint(), "cert_serial", certificate.serialHex())));
        return response(agentId, token.tenantId(), certificate, valid.fingerprint());
    }

    private void register(EnrollmentToken token, Agent agent, Instant now) throws EnrollmentRefusal {
        boolean registered;
        try {
            registered = registration.register(token.id(), agent, now);
        } catch (RuntimeException e) {
            if (hasSqlState(e, UNIQUE_VIOLATION)) {
                throw EnrollmentRefusal.of(Status.Code.ALREADY_EXISTS, "identity_key_enrolled",
                        "an agent with identity key " + agent.fingerprint() + " is already enrolled");
            }
            // A racing enrollment may make the store refuse the update outright rather than
            // change no rows; if the token is now used, say so.
            throw whyNotConsumed(token.id(), now).orElseThrow(() -> e);
        }
        if (!registered) {
            throw whyNotConsumed(token.id(), now).orElseGet(TokenProblem.USED::refusal);
        }
    }

    private Optional<EnrollmentRefusal> whyNotConsumed(UUID tokenId, Instant now) {
        return tokens.findById(tokenId).flatMap(t -> TokenProblem.of(t, now)).map(TokenProblem::refusal);
    }

    private static Agent agentFor(UUID agentId, UUID tenantId, ValidEnrollRequest valid,
            AgentCertificate certificate, Instant now) {
        return new Agent(agentId, tenantId, valid.name(), valid.fingerprint(),
                valid.keyBundle().getBundle().toByteArray(), valid.keyBundle().getSignature().toByteArray(),
                certificate.serialHex(), certificate.notAfter(), valid.version(), now, false, null, null);
    }

    private static EnrollResponse response(UUID agentId, UUID tenantId, AgentCertificate certificate,
            String fingerprint) {
        EnrollResponse.Builder response = EnrollResponse.newBuilder()
                .setAgentId(agentId.toString())
                .setTenantId(tenantId.toString())
                .setFingerprint(fingerprint);
        certificate.chainDer().forEach(der -> response.addCertificateChain(ByteString.copyFrom(der)));
        return response.build();
    }

    private static String actor(Optional<EnrollmentToken> token) {
        return token.map(t -> "enrollment-token:" + t.id()).orElse("anonymous");
    }

    private static boolean hasSqlState(Throwable error, String state) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
