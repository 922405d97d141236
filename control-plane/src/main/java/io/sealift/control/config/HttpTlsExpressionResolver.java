package io.sealift.control.config;

import io.micronaut.context.env.PropertyExpressionResolver;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.value.PropertyResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves the placeholder {@code ${sealift.http.tls.configured}}: {@code true} when
 * {@value #CERTIFICATE_FILE} is set, {@code false} otherwise. {@code application.yml} uses it to
 * switch Micronaut's {@code micronaut.server.ssl.*} on from the two friendly keys alone, because
 * Micronaut decides whether TLS exists from properties, before any bean could do it.
 *
 * <p>Also checks that the two keys come together and name readable files, so a typo stops the
 * service with a message naming the key instead of a bare parse error. Loaded through
 * {@code META-INF/services}; stateless and thread-safe.
 */
public final class HttpTlsExpressionResolver implements PropertyExpressionResolver {
    /** The PEM file with the REST server's certificate chain. */
    public static final String CERTIFICATE_FILE = "sealift.http.tls.certificate-file";
    /** The PEM file with the REST server's private key, unencrypted (PKCS#8, SEC1 or PKCS#1). */
    public static final String KEY_FILE = "sealift.http.tls.key-file";
    private static final String EXPRESSION = "sealift.http.tls.configured";

    @Override
    public <T> Optional<T> resolve(PropertyResolver properties, ConversionService conversion, String expression,
            Class<T> requiredType) {
        if (!EXPRESSION.equals(expression)) {
            return Optional.empty();
        }
        Optional<String> certificate = nonBlank(properties, CERTIFICATE_FILE);
        Optional<String> key = nonBlank(properties, KEY_FILE);
        if (certificate.isPresent() != key.isPresent()) {
            throw new ConfigurationException(CERTIFICATE_FILE + " and " + KEY_FILE
                    + " must be set together; only " + (certificate.isPresent() ? CERTIFICATE_FILE : KEY_FILE)
                    + " is set");
        }
        certificate.ifPresent(file -> requireReadable(CERTIFICATE_FILE, file));
        key.ifPresent(file -> requireReadable(KEY_FILE, file));
        return Optional.of(conversion.convertRequired(certificate.isPresent(), requiredType));
    }

    private static Optional<String> nonBlank(PropertyResolver properties, String key) {
        return properties.get(key, String.class).filter(value -> !value.isBlank());
    }

    private static void requireReadable(String key, String file) {
        if (!Files.isReadable(Path.of(file))) {
            throw new ConfigurationException(key + " names '" + file + "', which is not a readable file");
        }
    }
}
