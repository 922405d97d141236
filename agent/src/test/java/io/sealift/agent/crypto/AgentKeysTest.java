package io.sealift.agent.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.config.TinkConfig2026;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.subtle.Ed25519Verify;
import com.google.protobuf.ByteString;
import io.sealift.proto.v1.AgentKeyBundle;
import io.sealift.proto.v1.SignedKeyBundle;
import java.security.SecureRandom;
import java.time.Instant;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AgentKeysTest {
    private static final Fingerprint CA = Fingerprint.of(new byte[] {1, 2, 3});
    private static AgentKeys keys;
    private static SignedKeyBundle signed;

    @BeforeAll
    static void generate() {
        keys = AgentKeys.generate(new SecureRandom());
        signed = keys.signedBundle(CA, Instant.ofEpochSecond(1_700_000_000));
    }

    @Test
    void generatedKeys_haveRawPublicKeysAndTheIdentityFingerprint() {
        assertEquals(32, keys.identityPublicKey().length);
        assertEquals(32, keys.hpkePublicKey().length);
        assertEquals(Fingerprint.of(keys.identityPublicKey()), keys.fingerprint());
        assertTrue(keys.fingerprint().value().matches("sha256:[0-9a-f]{64}"));
        assertEquals("AgentKeys[" + keys.fingerprint() + "]", keys.toString());
    }

    @Test
    void sign_producesRaw64ByteEd25519Signatures() throws Exception {
        byte[] signature = keys.sign(new byte[] {42});
        assertEquals(64, signature.length);
        new Ed25519Verify(keys.identityPublicKey()).verify(signature, new byte[] {42});
    }

    @Test
    void hpkeKey_decryptsWhatItsRawPublicKeyEncrypts() throws Exception {
        HpkePublicKey publicKey = HpkePublicKey.create(AgentKeys.hpkeParameters(),
                com.google.crypto.tink.util.Bytes.copyFrom(keys.hpkePublicKey()), null);
        HybridEncrypt encrypt = com.google.crypto.tink.KeysetHandle.newBuilder()
                .addEntry(com.google.crypto.tink.KeysetHandle.importKey(publicKey).withRandomId().makePrimary())
                .build().getPrimitive(TinkConfig2026.get(), HybridEncrypt.class);
        byte[] ciphertext = encrypt.encrypt(new byte[] {7, 7}, new byte[] {1});
        HybridDecrypt decrypt = keys.hpkeKeyset().getPrimitive(TinkConfig2026.get(), HybridDecrypt.class);
        assertArrayEquals(new byte[] {7, 7}, decrypt.decrypt(ciphertext, new byte[] {1}));
    }

    @Test
    void signedBundle_verifiesAndCarriesEveryPublicKey() throws Exception {
        VerifiedKeyBundle verified = VerifiedKeyBundle.verify(signed);

        AgentKeyBundle bundle = verified.bundle();
        assertEquals("sealift.v1.AgentKeyBundle", bundle.getPurpose());
        assertArrayEquals(keys.identityPublicKey(), bundle.getIdentityPublicKey().toByteArray());
        assertArrayEquals(keys.hpkePublicKey(), bundle.getHpkePublicKey().toByteArray());
        assertArrayEquals(keys.tls().publicKeyInfo(), bundle.getTlsPublicKey().toByteArray());
        assertEquals(CA.value(), bundle.getCaFingerprint());
        assertEquals(1_700_000_000L, bundle.getCreatedAtEpochSeconds());
        assertEquals(keys.fingerprint(), verified.fingerprint());
        assertEquals(64, signed.getSignature().size());
    }

    @Test
    void signedBundle_withAnyByteFlipped_isRejected() {
        byte[] bundle = signed.getBundle().toByteArray();
        for (int i = 0; i < bundle.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] tampered = bundle.clone();
                tampered[i] ^= (byte) bit;
                SignedKeyBundle candidate = signed.toBuilder().setBundle(ByteString.copyFrom(tampered)).build();
                assertThrows(InvalidKeyBundleException.class, () -> VerifiedKeyBundle.verify(candidate), "byte " + i);
            }
        }
        byte[] signature = signed.getSignature().toByteArray();
        for (int i = 0; i < signature.length; i++) {
            byte[] tampered = signature.clone();
            tampered[i] ^= 1;
            SignedKeyBundle candidate = signed.toBuilder().setSignature(ByteString.copyFrom(tampered)).build();
            assertThrows(InvalidKeyBundleException.class, () -> VerifiedKeyBundle.verify(candidate), "signature byte " + i);
        }
    }

    @Test
    void signedBundle_truncatedExtendedOrResignedByAnotherKey_isRejectedOrNamesTheOtherKey() throws Exception {
        ByteString bundle = signed.getBundle();
        assertRejected(signed.toBuilder().setBundle(bundle.substring(0, bundle.size() - 1)).build());
        assertRejected(signed.toBuilder().setBundle(bundle.concat(ByteString.copyFrom(new byte[] {0x08, 0x01}))).build());
        assertRejected(signed.toBuilder().setSignature(signed.getSignature().substring(0, 63)).build());
        assertRejected(signed.toBuilder().clearSignature().build());
        assertRejected(SignedKeyBundle.getDefaultInstance());

        AgentKeys other = AgentKeys.generate(new SecureRandom());
        AgentKeyBundle swapped = AgentKeyBundle.parseFrom(bundle).toBuilder()
                .setHpkePublicKey(ByteString.copyFrom(other.hpkePublicKey())).build();
        assertRejected(signed.toBuilder().setBundle(swapped.toByteString()).build());

        VerifiedKeyBundle resigned = VerifiedKeyBundle.verify(other.signedBundle(CA, Instant.EPOCH));
        assertFalse(resigned.fingerprint().equals(keys.fingerprint()), "a re-signed bundle shows the other key's fingerprint");
    }

    @Test
    void signedBundle_withWrongPurpose_isRejected() {
        AgentKeyBundle wrong = AgentKeyBundle.newBuilder().setPurpose("sealift.v1.Receipt")
                .setIdentityPublicKey(ByteString.copyFrom(keys.identityPublicKey()))
                .setHpkePublicKey(ByteString.copyFrom(keys.hpkePublicKey()))
                .setCaFingerprint(CA.value()).build();
        SignedKeyBundle candidate = SignedKeyBundle.newBuilder().setBundle(wrong.toByteString())
                .setSignature(ByteString.copyFrom(keys.sign(wrong.toByteArray()))).build();
        InvalidKeyBundleException e = assertThrows(InvalidKeyBundleException.class, () -> VerifiedKeyBundle.verify(candidate));
        assertEquals("key bundle purpose must be sealift.v1.AgentKeyBundle", e.getMessage());
    }

    @Test
    void certificationRequest_isSignedByTheTlsKeyForCnSealiftAgent() throws Exception {
        JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(keys.tls().certificationRequest());
        assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getPublicKey())));
        assertEquals("CN=sealift-agent", csr.getSubject().toString());
        assertArrayEquals(keys.tls().publicKeyInfo(), csr.getPublicKey().getEncoded());
        assertEquals("TlsClientKey[EC P-256]", keys.tls().toString());
    }

    private static void assertRejected(SignedKeyBundle candidate) {
        assertThrows(InvalidKeyBundleException.class, () -> VerifiedKeyBundle.verify(candidate));
    }
}
