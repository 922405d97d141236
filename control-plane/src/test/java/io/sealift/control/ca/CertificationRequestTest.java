package io.sealift.control.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sealift.control.grpc.TestAgent;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class CertificationRequestTest {

    @Test
    void parse_ofAValidP256Request_returnsItsKey() throws Exception {
        KeyPair keys = TestAgent.ecKeyPair("secp256r1");

        CertificationRequest request = CertificationRequest.parse(TestAgent.csr(keys));

        assertEquals(keys.getPublic(), request.publicKey());
        assertArrayEquals(keys.getPublic().getEncoded(), request.subjectPublicKeyInfo());
    }

    @Test
    void parse_ofJunk_isRefused() {
        assertRule("must be a DER PKCS#10 certification request", new byte[] {1, 2, 3});
        assertRule("must be a DER PKCS#10 certification request", new byte[0]);
    }

    @Test
    void parse_ofOtherKeyTypes_isRefused() throws Exception {
        assertRule("public key must be EC P-256 (secp256r1)", TestAgent.csr(TestAgent.ecKeyPair("secp384r1")));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaKeys = rsa.generateKeyPair();
        byte[] rsaCsr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), rsaKeys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(rsaKeys.getPrivate())).getEncoded();
        assertRule("public key must be EC P-256 (secp256r1)", rsaCsr);
    }

    @Test
    void parse_withAnyByteOfTheSignatureFlipped_isRefused() {
        byte[] csr = TestAgent.csr(TestAgent.ecKeyPair("secp256r1"));
        int signatureStart = csr.length - 64;
        for (int i = signatureStart; i < csr.length; i++) {
            byte[] tampered = Arrays.copyOf(csr, csr.length);
            tampered[i] ^= 0x01;
            assertThrows(InvalidCertificationRequestException.class, () -> CertificationRequest.parse(tampered));
        }
    }

    @Test
    void parse_signedByAnotherKey_isRefused() throws Exception {
        KeyPair requested = TestAgent.ecKeyPair("secp256r1");
        KeyPair signer = TestAgent.ecKeyPair("secp256r1");
        byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), requested.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())).getEncoded();

        assertRule("signature does not verify with its public key", csr);
    }

    private static void assertRule(String rule, byte[] der) {
        InvalidCertificationRequestException error = assertThrows(InvalidCertificationRequestException.class,
                () -> CertificationRequest.parse(der));
        assertEquals(rule, error.rule());
        assertEquals("csr " + rule, error.getMessage());
    }
}
