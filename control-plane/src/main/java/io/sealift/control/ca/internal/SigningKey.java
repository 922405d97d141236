package io.sealift.control.ca.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An ECDSA P-256 key pair of the control plane (the CA key, or the gRPC server's TLS key): the one
 * class that holds a JCA {@link PrivateKey}.
 *
 * <p>Immutable and thread-safe. The private key leaves this class only as a certificate signer,
 * as a TLS key manager, or PEM-encoded for the 0600 key file ({@link #pkcs8PemForStorage()}).
 * {@link #toString()} never shows it.
 */
public final class SigningKey {
    private static final String CURVE = "secp256r1";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Generates a new P-256 key pair from {@code random}. */
    public static SigningKey generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), random);
            var pair = generator.generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate EC P-256 keys", e);
        }
    }

    /**
     * Reads a key written by {@link #pkcs8PemForStorage()}; the public key is derived from the
     * private one, so a key file alone is enough to restore the CA.
     *
     * @throws IllegalArgumentException if {@code pem} is not a PKCS#8 EC P-256 private key
     */
    public static SigningKey fromPkcs8Pem(byte[] pem) {
        byte[] der = Pem.decode("PRIVATE KEY", pem);
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(key instanceof ECPrivateKey ec)) {
                throw new IllegalArgumentException("key is not an EC private key");
            }
            return new SigningKey(key, publicKeyOf(ec));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key is not a PKCS#8 EC private key", e);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static PublicKey publicKeyOf(ECPrivateKey key) throws GeneralSecurityException {
        X9ECParameters curve = ECNamedCurveTable.getByName(CURVE);
        if (!curve.getN().equals(key.getParams().getOrder())) {
            throw new IllegalArgumentException("key is not on curve P-256");
        }
        var q = curve.getG().multiply(key.getS()).normalize();
        ECPoint point = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, key.getParams()));
    }

    /** Returns the public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** Returns a SHA256withECDSA signer for certificates. */
    public ContentSigner signer() {
        try {
            return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(privateKey);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("this JDK cannot sign with " + SIGNATURE_ALGORITHM, e);
        }
    }

    /** Returns a key manager presenting this key with {@code chain} (leaf first) in TLS handshakes. */
    public KeyManagerFactory keyManagers(List<X509Certificate> chain, SecureRandom random) {
        char[] password = new char[32];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", privateKey, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS key manager", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Returns the private key as PKCS#8 PEM, only to write it to the 0600 key file. */
    public byte[] pkcs8PemForStorage() {
        byte[] der = privateKey.getEncoded();
        try {
            return Pem.encode("PRIVATE KEY", der);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[EC P-256, private part hidden]";
    }
}
