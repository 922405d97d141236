package io.sealift.control.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.control.ca.AgentCertificate;
import io.sealift.control.ca.CertificateAuthority;
import io.sealift.control.ca.internal.AltNames;
import io.sealift.control.ca.internal.CertificateIssuer;
import io.sealift.control.ca.internal.SigningKey;
import io.sealift.control.testing.TempDataDir;
import io.sealift.proto.v1.AgentControlGrpc;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.Hello;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentGrpcServerTest extends TempDataDir {
    @Inject AgentGrpcServer server;
    @Inject CertificateAuthority ca;

    @Test
    void serverPresentsItsCertificateThenTheCa_validForLocalhostAndLoopbackAddresses() throws Exception {
        for (String host : List.of("localhost", "127.0.0.1")) {
            X509Certificate[] chain = handshake(host);

            assertEquals(2, chain.length, host);
            assertEquals(ca.certificate(), chain[1]);
            chain[0].verify(ca.certificate().getPublicKey());
            assertEquals(List.of("1.3.6.1.5.5.7.3.1"), chain[0].getExtendedKeyUsage());
        }
        Collection<List<?>> names = server.certificateChain().get(0).getSubjectAlternativeNames();
        assertTrue(names.contains(List.of(2, "localhost")), names.toString());
        assertTrue(names.contains(List.of(7, "127.0.0.1")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.get(0).equals(7) && String.valueOf(n.get(1)).startsWith("0:0:0:0")),
                names.toString());
    }

    /** Completes a TLS handshake with host-name verification against {@code host}; returns the chain. */
    private X509Certificate[] handshake(String host) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(host, server.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return (X509Certificate[]) socket.getSession().getPeerCertificates();
        }
    }

    @Test
    void clientCertificateFromAnotherCa_failsTheHandshake() {
        SecureRandom random = new SecureRandom();
        SigningKey otherKey = SigningKey.generate(random);
        X509Certificate otherCa = CertificateIssuer.selfSigned(otherKey, Clock.systemUTC(), random);
        KeyPair clientKeys = TestAgent.ecKeyPair("secp256r1");
        UUID agentId = UUID.randomUUID();
        X509Certificate forged = new CertificateIssuer(otherKey, otherCa, Clock.systemUTC(), random).issue(
                new X500Name("CN=" + agentId), clientKeys.getPublic(),
                AltNames.uri(AgentCertificate.URN_PREFIX + agentId), KeyPurposeId.id_kp_clientAuth, Duration.ofDays(1));
        ManagedChannel channel = TestChannels.mutual(server.port(), ca.certificate(), clientKeys.getPrivate(),
                List.of(forged, otherCa));
        try {
            RecordingObserver<ControlMessage> received = new RecordingObserver<>();
            AgentControlGrpc.newStub(channel).connect(received)
                    .onNext(AgentMessage.newBuilder().setHello(Hello.getDefaultInstance()).build());

            assertEquals(Status.Code.UNAVAILABLE, received.end().getCode());
        } finally {
            channel.shutdownNow();
        }
    }
}
