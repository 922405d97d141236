package io.sealift.control.ca.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** Encodes and decodes single PEM blocks. Stateless and thread-safe. */
public final class Pem {
    private Pem() {
    }

    /** Returns {@code der} as one PEM block of {@code type}, e.g. {@code CERTIFICATE}. */
    public static byte[] encode(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory PEM write failed", e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Returns the DER content of the first PEM block in {@code pem}.
     *
     * @throws IllegalArgumentException if there is no block of {@code type}
     */
    public static byte[] decode(String type, byte[] pem) {
        try (PemReader reader = new PemReader(new InputStreamReader(
                new ByteArrayInputStream(pem), StandardCharsets.US_ASCII))) {
            PemObject object = reader.readPemObject();
            if (object == null || !type.equals(object.getType())) {
                throw new IllegalArgumentException("expected a PEM block of type " + type);
            }
            return object.getContent();
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed PEM block of type " + type, e);
        }
    }
}
