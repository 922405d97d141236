package io.sealift.control.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.control.config.DataDirectory;
import io.sealift.control.config.SealiftSettings;
import io.sealift.control.grpc.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir Path dir;

    private CertificateAuthority start(Clock clock) {
        return new CertificateAuthority(dataDirectory(), clock, RANDOM);
    }

    private DataDirectory dataDirectory() {
        return new DataDirectory(new SealiftSettings(dir.toString(),
                new SealiftSettings.Grpc("0.0.0.0", 0, List.of(), 4 * 1024 * 1024, Duration.ofSeconds(5))));
    }

    @Test
    void firstStart_createsAP256CaValidForTenYears_withTheKeyInA0600File() throws Exception {
        CertificateAuthority ca = start(CLOCK);

        X509Certificate certificate = ca.certificate();
        assertEquals("CN=Sealift control plane CA", certificate.getSubjectX500Principal().getName());
        assertEquals(0, certificate.getBasicConstraints());
        boolean[] usage = certificate.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertEquals("EC", certificate.getPublicKey().getAlgorithm());
        assertTrue(certificate.getNotAfter().toInstant().isAfter(CLOCK.instant().plus(Duration.ofDays(3650))));
        certificate.verify(certificate.getPublicKey());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca/ca-key.pem"))));
        assertTrue(Files.readString(dir.resolve("ca/ca-key.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(Files.readString(dir.resolve("ca/ca-cert.pem")).equals(ca.certificatePem()));
    }

    @Test
    void fingerprint_isSha256OfTheSubjectPublicKeyInfo() throws Exception {
        CertificateAuthority ca = start(CLOCK);

        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(ca.certificate().getPublicKey().getEncoded());
        assertEquals("sha256:" + HexFormat.of().formatHex(digest), ca.fingerprint());
    }

    @Test
    void restart_reloadsTheSameCa() {
        CertificateAuthority first = start(CLOCK);

        CertificateAuthority second = start(CLOCK);

        assertEquals(first.fingerprint(), second.fingerprint());
        assertEquals(first.certificate(), second.certificate());
    }

    @Test
    void restart_withoutTheCertificate_reissuesItForTheSameKey() throws Exception {
        CertificateAuthority first = start(CLOCK);
        Files.delete(dir.resolve("ca/ca-cert.pem"));

        CertificateAuthority second = start(CLOCK);

        assertEquals(first.fingerprint(), second.fingerprint());
        assertNotEquals(first.certificate().getSerialNumber(), second.certificate().getSerialNumber());
        assertTrue(Files.exists(dir.resolve("ca/ca-cert.pem")));
    }

    @Test
    void restart_closeToExpiry_reissuesTheCertificate_keepingTheFingerprint() {
        CertificateAuthority first = start(CLOCK);
        Clock nineYearsLater = Clock.offset(CLOCK, Duration.ofDays(3600));

        CertificateAuthority second = start(nineYearsLater);

        assertEquals(first.fingerprint(), second.fingerprint());
        assertTrue(second.certificate().getNotAfter().after(first.certificate().getNotAfter()));
    }

    @Test
    void restart_withTheCertificateButNoKey_refusesToStart() throws Exception {
        start(CLOCK);
        Files.delete(dir.resolve("ca/ca-key.pem"));

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> start(CLOCK));
        assertTrue(error.getMessage().contains("ca/ca-key.pem is missing"), error.getMessage());
    }

    @Test
    void agentCertificate_namesAgentAndTenant_forClientAuthOnly() throws Exception {
        CertificateAuthority ca = start(CLOCK);
        KeyPair keys = TestAgent.ecKeyPair("secp256r1");
        UUID agentId = UUID.randomUUID();
        UUID tenantId = UUID.randomUUID();

        AgentCertificate issued = ca.issueAgentCertificate(agentId, tenantId,
                CertificationRequest.parse(TestAgent.csr(keys)));

        X509Certificate certificate = issued.certificate();
        certificate.verify(ca.certificate().getPublicKey());
        assertEquals("CN=" + agentId + ",O=" + tenantId, certificate.getSubjectX500Principal().getName());
        assertEquals(agentId, AgentCertificate.agentIdOf(certificate).orElseThrow());
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        assertEquals(List.of(List.of(6, "urn:sealift:agent:" + agentId)), List.copyOf(names));
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), certificate.getExtendedKeyUsage());
        assertEquals(-1, certificate.getBasicConstraints());
        assertEquals(keys.getPublic(), certificate.getPublicKey());
        assertEquals(CLOCK.instant().plus(Duration.ofDays(365)), issued.notAfter());
        assertEquals(certificate.getSerialNumber().toString(16), issued.serialHex());
        assertEquals(2, issued.chainDer().size());
    }

    @Test
    void serverIdentity_coversEveryNameAsDnsOrIpEntry() throws Exception {
        CertificateAuthority ca = start(CLOCK);

        ServerIdentity identity = ca.issueServerIdentity(List.of("localhost", "127.0.0.1", "::1", "cp.example.com",
                "10.1.2.3"));

        X509Certificate certificate = identity.certificate();
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        assertTrue(names.contains(List.of(2, "localhost")));
        assertTrue(names.contains(List.of(2, "cp.example.com")));
        assertTrue(names.contains(List.of(7, "127.0.0.1")));
        assertTrue(names.contains(List.of(7, "10.1.2.3")));
        assertTrue(names.contains(List.of(7, "0:0:0:0:0:0:0:1")));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), certificate.getExtendedKeyUsage());
        assertEquals(List.of(certificate, ca.certificate()), identity.chain());
    }

    @Test
    void serverIdentity_withAMalformedName_isRefused() {
        CertificateAuthority ca = start(CLOCK);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ca.issueServerIdentity(List.of("localhost", "bad name!")));
        assertEquals("'bad name!' is neither a DNS name nor an IP address", error.getMessage());
    }
}
