package io.sealift.control.ca.internal;

import io.sealift.control.config.DataDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA's files in the data directory: {@code ca/ca-key.pem} (PKCS#8 PEM, mode 0600, written
 * once) and {@code ca/ca-cert.pem}. The key never goes to the database.
 *
 * <p>Not thread-safe; used once at startup. The key is written before the certificate, so a
 * crash in between leaves a key whose certificate is simply re-issued at the next start; the
 * fingerprint (of the public key) stays the same.
 */
public final class CaFiles {
    /** The CA key file, relative to the data directory. */
    public static final String KEY_FILE = "ca/ca-key.pem";
    /** The CA certificate file, relative to the data directory. */
    public static final String CERT_FILE = "ca/ca-cert.pem";

    private static final Logger LOG = LoggerFactory.getLogger(CaFiles.class);
    private static final Duration RENEW_BEFORE = Duration.ofDays(90);

    private final DataDirectory dataDir;
    private final Clock clock;
    private final SecureRandom random;

    /** Creates the store over {@code dataDir}. */
    public CaFiles(DataDirectory dataDir, Clock clock, SecureRandom random) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.random = random;
    }

    /**
     * The CA's key and certificate.
     *
     * @param key the CA key
     * @param certificate its self-signed certificate
     */
    public record LoadedCa(SigningKey key, X509Certificate certificate) {
    }

    /**
     * Loads the CA, creating it on first start and re-issuing its certificate when missing or
     * close to expiry.
     *
     * @throws IllegalStateException if the certificate exists without its key, or does not
     *     belong to it
     */
    public LoadedCa loadOrCreate() {
        Path keyPath = dataDir.resolve(KEY_FILE);
        Path certPath = dataDir.resolve(CERT_FILE);
        if (!Files.exists(keyPath)) {
            if (Files.exists(certPath)) {
                throw new IllegalStateException(CERT_FILE + " exists but " + KEY_FILE + " is missing in "
                        + dataDir.root() + ": restore the key, or remove both files to create a new CA"
                        + " (every agent must then re-enroll)");
            }
            return create();
        }
        warnIfReadableByOthers(keyPath);
        SigningKey key = SigningKey.fromPkcs8Pem(read(keyPath));
        X509Certificate certificate = Files.exists(certPath) ? parseCertificate(read(certPath)) : null;
        if (certificate != null && !certificate.getPublicKey().equals(key.publicKey())) {
            throw new IllegalStateException(CERT_FILE + " does not belong to " + KEY_FILE + " in " + dataDir.root());
        }
        if (certificate == null || expiresSoon(certificate)) {
            certificate = writeCertificate(key);
        }
        return new LoadedCa(key, certificate);
    }

    private LoadedCa create() {
        SigningKey key = SigningKey.generate(random);
        byte[] pem = key.pkcs8PemForStorage();
        try {
            dataDir.writePrivateFile(KEY_FILE, pem, true);
        } finally {
            Arrays.fill(pem, (byte) 0);
        }
        LOG.info("Created a new CA key in {}", dataDir.resolve(KEY_FILE));
        return new LoadedCa(key, writeCertificate(key));
    }

    private X509Certificate writeCertificate(SigningKey key) {
        X509Certificate certificate = CertificateIssuer.selfSigned(key, clock, random);
        try {
            dataDir.writePrivateFile(CERT_FILE, Pem.encode("CERTIFICATE", certificate.getEncoded()), false);
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode the CA certificate", e);
        }
        return certificate;
    }

    private boolean expiresSoon(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_BEFORE));
    }

    /** Parses a PEM certificate. */
    static X509Certificate parseCertificate(byte[] pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Pem.decode("CERTIFICATE", pem)));
        } catch (CertificateException e) {
            throw new IllegalStateException(CERT_FILE + " is not a valid certificate", e);
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static void warnIfReadableByOthers(Path keyPath) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyPath);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                LOG.warn("{} is accessible to other users; it should be mode 0600", keyPath);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot read the permissions of {}", keyPath, e);
        }
    }
}
