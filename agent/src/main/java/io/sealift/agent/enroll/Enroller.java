package io.sealift.agent.enroll;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sealift.agent.config.AgentConfig;
import io.sealift.agent.config.ControlPlaneAddress;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.crypto.Fingerprint;
import io.sealift.agent.state.AgentKeyStore;
import io.sealift.agent.state.CertificateStore;
import io.sealift.agent.state.EnrolledAgent;
import io.sealift.agent.state.KekLocation;
import io.sealift.agent.state.KeyEncryptionKey;
import io.sealift.agent.state.StateDir;
import io.sealift.agent.transport.ControlPlaneChannels;
import io.sealift.agent.transport.PinnedCaTrustManager;
import io.sealift.agent.transport.RemoteErrors;
import io.sealift.proto.v1.EnrollRequest;
import io.sealift.proto.v1.EnrollResponse;
import io.sealift.proto.v1.EnrollmentGrpc;
import io.sealift.proto.v1.SignedKeyBundle;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Enrolls this agent with the control plane: generates its keys, proves possession of them with
 * a signed key bundle and a CSR, exchanges a single-use token for an agent id and a client
 * certificate over TLS pinned to the configured CA, and stores the result in the state directory.
 *
 * <p>Nothing is stored until the control plane has accepted the request and its answer has been
 * checked, so a refused or failed enrollment leaves an existing enrollment untouched. Not
 * thread-safe for concurrent enrollments of the same state directory.
 */
public final class Enroller {
    /** The deadline of the Enroll RPC. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(Enroller.class.getName());
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Clock clock;
    private final SecureRandom random;
    private final String version;
    private final Map<String, String> environment;

    /**
     * Creates an enroller.
     *
     * @param clock the source of timestamps and of "now" for certificate validity
     * @param random the randomness for the TLS key
     * @param version the agent's software version, sent for display
     * @param environment the process environment, for the systemd credential directory
     */
    public Enroller(Clock clock, SecureRandom random, String version, Map<String, String> environment) {
        this.clock = clock;
        this.random = random;
        this.version = version;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Enrolls with the control plane in {@code config}.
     *
     * @param force whether to replace an existing enrollment
     * @return the stored enrollment
     * @throws AlreadyEnrolledException if enrolled already and {@code force} is false
     * @throws EnrollmentRefusedException if the control plane refuses the token
     * @throws io.sealift.agent.transport.CaPinMismatchException if the control plane's CA is not the pinned one
     * @throws EnrollmentException for any other failure of the exchange
     */
    public EnrolledAgent enroll(AgentConfig config, EnrollmentToken token, AgentName name, boolean force) {
        StateDir dir = StateDir.at(config.stateDir());
        if (!force) {
            dir.readAgent().ifPresent(existing -> {
                throw new AlreadyEnrolledException(dir.root(), existing.agentId());
            });
        }
        dir.create();
        KekLocation kekLocation = KekLocation.resolve(environment, config.keyEncryptionKeyFile(), dir);
        KeyEncryptionKey existingKek = Files.exists(kekLocation.file()) ? kekLocation.load(false) : null;

        Fingerprint pin = config.controlPlane().caFingerprint();
        AgentKeys keys = AgentKeys.generate(random);
        SignedKeyBundle bundle = keys.signedBundle(pin, clock.instant());
        EnrollResponse response = call(config.controlPlane().address(), pin, request(token, name, keys, bundle), token);

        IssuedCertificates certificates = IssuedCertificates.check(response, keys, pin, clock.instant());
        EnrolledAgent agent = agent(response, keys, name, config);
        KeyEncryptionKey kek = existingKek != null ? existingKek : kekLocation.load(true);
        new AgentKeyStore(dir, kek).save(keys, bundle);
        new CertificateStore(dir).save(certificates.ca(), certificates.chain());
        dir.deleteStatus();
        dir.writeAgent(agent);
        LOG.fine(() -> "enrolled as agent " + agent.agentId() + " with fingerprint " + agent.fingerprint());
        return agent;
    }

    private EnrollRequest request(EnrollmentToken token, AgentName name, AgentKeys keys, SignedKeyBundle bundle) {
        return EnrollRequest.newBuilder()
                .setToken(token.reveal())
                .setName(name.value())
                .setVersion(version)
                .setKeyBundle(bundle)
                .setCsr(ByteString.copyFrom(keys.tls().certificationRequest()))
                .build();
    }

    private EnrollResponse call(ControlPlaneAddress address, Fingerprint pin, EnrollRequest request, EnrollmentToken token) {
        PinnedCaTrustManager trust = new PinnedCaTrustManager(pin);
        ManagedChannel channel = ControlPlaneChannels.forEnrollment(address, trust);
        try {
            LOG.fine(() -> "sending enrollment request to " + address);
            return EnrollmentGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .enroll(request);
        } catch (StatusRuntimeException e) {
            if (trust.mismatch().isPresent()) {
                throw trust.mismatch().get();
            }
            throw translate(e.getStatus(), address, token);
        } finally {
            channel.shutdownNow();
        }
    }

    private static EnrollmentException translate(Status status, ControlPlaneAddress address, EnrollmentToken token) {
        String description = token.redactFrom(RemoteErrors.description(status));
        return switch (status.getCode()) {
            case UNAUTHENTICATED -> new EnrollmentRefusedException(description);
            case UNAVAILABLE -> new EnrollmentException("cannot reach control plane at " + address + ": "
                    + token.redactFrom(RemoteErrors.describe(status)));
            case DEADLINE_EXCEEDED -> new EnrollmentException("control plane at " + address
                    + " did not answer within " + DEADLINE.toSeconds() + " s");
            case INVALID_ARGUMENT -> new EnrollmentException("control plane rejected the enrollment request: " + description);
            default -> new EnrollmentException("enrollment failed: " + token.redactFrom(RemoteErrors.describe(status)));
        };
    }

    private EnrolledAgent agent(EnrollResponse response, AgentKeys keys, AgentName name, AgentConfig config) {
        if (!response.getFingerprint().equals(keys.fingerprint().value())) {
            throw new EnrollmentException("control plane reports fingerprint '" + RemoteErrors.clean(response.getFingerprint())
                    + "' for this agent, but its identity key has " + keys.fingerprint());
        }
        return new EnrolledAgent(
                id("agent id", response.getAgentId()),
                id("tenant id", response.getTenantId()),
                name.value(),
                keys.fingerprint(),
                keys.hpkeFingerprint(),
                config.controlPlane().address().toString(),
                config.controlPlane().caFingerprint(),
                Instant.now(clock));
    }

    private static String id(String what, String value) {
        if (!ID.matcher(value).matches()) {
            throw new EnrollmentException("control plane returned an invalid " + what);
        }
        return value;
    }
}
