package io.sealift.control.grpc;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.SignatureConfig;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.sealift.control.ca.Fingerprint;
import io.sealift.proto.v1.AgentKeyBundle;
import io.sealift.proto.v1.EnrollRequest;
import io.sealift.proto.v1.EnrollResponse;
import io.sealift.proto.v1.EnrollmentGrpc;
import io.sealift.proto.v1.SignedKeyBundle;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A stand-in for the agent: generates its keys the way the agent does (Tink Ed25519 identity,
 * an X25519 public key, a JCA EC P-256 TLS key), builds enrollment requests and, once enrolled,
 * opens mutual-TLS channels with its certificate.
 */
public final class TestAgent {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeysetHandle identity;
    private final byte[] identityPublicKey;
    private final byte[] hpkePublicKey = new byte[32];
    private final KeyPair tls;
    private List<X509Certificate> chain = List.of();

    private TestAgent() throws GeneralSecurityException {
        SignatureConfig.register();
        identity = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.generateEntryFromParameters(
                        Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX)).withRandomId().makePrimary())
                .build();
        identityPublicKey = ((Ed25519PrivateKey) identity.getPrimary().getKey())
                .getPublicKey().getPublicKeyBytes().toByteArray();
        RANDOM.nextBytes(hpkePublicKey);
        tls = ecKeyPair("secp256r1");
    }

    /** Returns an agent with fresh keys. */
    public static TestAgent generate() {
        try {
            return new TestAgent();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns a fresh EC key pair on {@code curve}. */
    public static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns a DER PKCS#10 request for {@code keys}, signed by them. */
    public static byte[] csr(KeyPair keys) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=sealift-agent"), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns {@code sha256:<hex>} of the identity public key. */
    public String fingerprint() {
        return Fingerprint.of(identityPublicKey);
    }

    /** Returns the TLS key pair. */
    public KeyPair tlsKeys() {
        return tls;
    }

    /** Returns a correct, unsigned bundle bound to {@code caFingerprint}. */
    public AgentKeyBundle.Builder bundle(String caFingerprint) {
        return AgentKeyBundle.newBuilder()
                .setPurpose("sealift.v1.AgentKeyBundle")
                .setIdentityPublicKey(ByteString.copyFrom(identityPublicKey))
                .setHpkePublicKey(ByteString.copyFrom(hpkePublicKey))
                .setTlsPublicKey(ByteString.copyFrom(tls.getPublic().getEncoded()))
                .setCaFingerprint(caFingerprint)
                .setCreatedAtEpochSeconds(1_800_000_000L);
    }

    /** Returns {@code bundle} signed by the identity key. */
    public SignedKeyBundle sign(AgentKeyBundle bundle) {
        byte[] bytes = bundle.toByteArray();
        return SignedKeyBundle.newBuilder()
                .setBundle(ByteString.copyFrom(bytes))
                .setSignature(ByteString.copyFrom(signature(bytes)))
                .build();
    }

    /** Returns the identity key's signature over {@code bytes}. */
    public byte[] signature(byte[] bytes) {
        try {
            return identity.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class).sign(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns a correct request to enroll with {@code token} at the CA {@code caFingerprint}. */
    public EnrollRequest.Builder enrollRequest(String token, String caFingerprint) {
        return EnrollRequest.newBuilder()
                .setToken(token)
                .setName("test-agent")
                .setVersion("0.1.0-test")
                .setKeyBundle(sign(bundle(caFingerprint).build()))
                .setCsr(ByteString.copyFrom(csr(tls)));
    }

    /** Enrolls over {@code channel} and keeps the certificate chain for {@link #channel}. */
    public EnrollResponse enroll(ManagedChannel channel, String token, String caFingerprint) {
        EnrollResponse response = EnrollmentGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .enroll(enrollRequest(token, caFingerprint).build());
        List<X509Certificate> certificates = new ArrayList<>();
        for (ByteString der : response.getCertificateChainList()) {
            certificates.add(certificate(der.toByteArray()));
        }
        chain = List.copyOf(certificates);
        return response;
    }

    /** Returns the certificate chain received at enrollment, leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** Opens a mutual-TLS channel to {@code port} with the enrolled certificate. */
    public ManagedChannel channel(int port, X509Certificate ca) {
        return TestChannels.mutual(port, ca, tls.getPrivate(), chain);
    }

    /** Parses a DER certificate. */
    public static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
