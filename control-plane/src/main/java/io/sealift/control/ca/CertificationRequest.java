package io.sealift.control.ca;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * An agent's PKCS#10 certification request whose self-signature holds: proof that the agent
 * possesses the private half of its EC P-256 TLS key.
 *
 * <p>Immutable and thread-safe. Only the public key is used; the subject and extensions the
 * request asks for are ignored, since the CA decides what an agent certificate says.
 */
public final class CertificationRequest {
    private final PublicKey publicKey;
    private final byte[] subjectPublicKeyInfo;

    private CertificationRequest(PublicKey publicKey, byte[] subjectPublicKeyInfo) {
        this.publicKey = publicKey;
        this.subjectPublicKeyInfo = subjectPublicKeyInfo;
    }

    /**
     * Parses and verifies a DER PKCS#10 request.
     *
     * @throws InvalidCertificationRequestException naming what is wrong: not DER PKCS#10, not an
     *     EC P-256 key, or a signature that does not verify
     */
    public static CertificationRequest parse(byte[] der) throws InvalidCertificationRequestException {
        PKCS10CertificationRequest request = decode(der);
        SubjectPublicKeyInfo info = request.getSubjectPublicKeyInfo();
        requireP256(info.getAlgorithm());
        byte[] encoded;
        PublicKey key;
        try {
            encoded = info.getEncoded(ASN1Encoding.DER);
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidCertificationRequestException("public key is not a valid EC P-256 point");
        }
        requireValidSignature(request, key);
        return new CertificationRequest(key, encoded);
    }

    private static PKCS10CertificationRequest decode(byte[] der) throws InvalidCertificationRequestException {
        try {
            return new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw new InvalidCertificationRequestException("must be a DER PKCS#10 certification request");
        }
    }

    private static void requireP256(AlgorithmIdentifier algorithm) throws InvalidCertificationRequestException {
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                || !SECObjectIdentifiers.secp256r1.equals(algorithm.getParameters())) {
            throw new InvalidCertificationRequestException("public key must be EC P-256 (secp256r1)");
        }
    }

    private static void requireValidSignature(PKCS10CertificationRequest request, PublicKey key)
            throws InvalidCertificationRequestException {
        boolean valid;
        try {
            valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new InvalidCertificationRequestException("signature does not verify with its public key");
        }
    }

    /** Returns the requested public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** Returns the requested key's DER SubjectPublicKeyInfo. */
    public byte[] subjectPublicKeyInfo() {
        return subjectPublicKeyInfo.clone();
    }
}
