package io.sealift.agent.crypto.internal;

import com.google.crypto.tink.Aead;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The agent's mTLS client key: an ECDSA P-256 JCA key pair, the only private key the agent holds
 * outside a Tink keyset (TLS needs a JCA {@link PrivateKey}).
 *
 * <p>At rest it exists only encrypted under the key-encryption key ({@link #encrypt}); the
 * plaintext PKCS#8 encoding never leaves this class. Immutable and thread-safe.
 */
public final class TlsClientKey {
    private static final String SUBJECT = "CN=sealift-agent";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final int FORMAT_VERSION = 1;

    private final KeyPair keyPair;

    private TlsClientKey(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    /** Generates a fresh P-256 key pair from {@code random}. */
    public static TlsClientKey generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return new TlsClientKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate EC P-256 keys", e);
        }
    }

    /**
     * Decrypts a key produced by {@link #encrypt} with the same AEAD and associated data.
     *
     * @throws GeneralSecurityException if the key-encryption key or associated data is wrong, or
     *     the ciphertext was altered
     */
    public static TlsClientKey decrypt(byte[] ciphertext, Aead kek, byte[] associatedData)
            throws GeneralSecurityException {
        byte[] plain = kek.decrypt(ciphertext, associatedData);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            if (in.readInt() != FORMAT_VERSION) {
                throw new GeneralSecurityException("unsupported TLS key format");
            }
            byte[] publicInfo = in.readNBytes(in.readInt());
            byte[] privateInfo = in.readNBytes(in.readInt());
            KeyFactory factory = KeyFactory.getInstance("EC");
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(publicInfo));
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateInfo));
            Arrays.fill(privateInfo, (byte) 0);
            return new TlsClientKey(new KeyPair(publicKey, privateKey));
        } catch (IOException e) {
            throw new GeneralSecurityException("malformed TLS key", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Returns the key encrypted with {@code kek}, bound to {@code associatedData}. */
    public byte[] encrypt(Aead kek, byte[] associatedData) throws GeneralSecurityException {
        byte[] publicInfo = keyPair.getPublic().getEncoded();
        byte[] privateInfo = keyPair.getPrivate().getEncoded();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(FORMAT_VERSION);
            out.writeInt(publicInfo.length);
            out.write(publicInfo);
            out.writeInt(privateInfo.length);
            out.write(privateInfo);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        byte[] plain = buffer.toByteArray();
        try {
            return kek.encrypt(plain, associatedData);
        } finally {
            Arrays.fill(plain, (byte) 0);
            Arrays.fill(privateInfo, (byte) 0);
        }
    }

    /** Returns the DER SubjectPublicKeyInfo of the public key. */
    public byte[] publicKeyInfo() {
        return keyPair.getPublic().getEncoded();
    }

    /** Returns the public key. */
    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** Returns the private key, for the TLS stack only. Never log, print or send it. */
    public PrivateKey privateKeyForTls() {
        return keyPair.getPrivate();
    }

    /**
     * Returns a DER PKCS#10 certification request for this key, subject {@code CN=sealift-agent},
     * signed with SHA256withECDSA: proof of possession of the private key.
     */
    public byte[] certificationRequest() {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name(SUBJECT), keyPair.getPublic())
                    .build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keyPair.getPrivate()))
                    .getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build the TLS certification request", e);
        }
    }

    @Override
    public String toString() {
        return "TlsClientKey[EC P-256]";
    }
}
