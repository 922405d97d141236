package io.sealift.testsupport.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.HexFormat;

/** The {@link RecordingRandomProvider}'s generator. Thread-safe. */
public final class RecordingRandomSpi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private static final int RECORDED_LENGTH = 32;

    private final transient SecureRandom source;

    /** Creates a generator over the JDK's non-blocking native one. */
    public RecordingRandomSpi() {
        try {
            source = SecureRandom.getInstance("NativePRNGNonBlocking", "SUN");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the SUN provider has no NativePRNGNonBlocking", e);
        }
    }

    @Override
    protected void engineSetSeed(byte[] seed) {
        source.setSeed(seed);
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
        source.nextBytes(bytes);
        if (bytes.length == RECORDED_LENGTH) {
            record(bytes);
        }
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
        return source.generateSeed(numBytes);
    }

    private static void record(byte[] bytes) {
        String file = System.getProperty(RecordingRandomProvider.LOG_PROPERTY);
        if (file == null) {
            return;
        }
        synchronized (RecordingRandomSpi.class) {
            try {
                Files.writeString(Path.of(file), HexFormat.of().formatHex(bytes) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record a random output in " + file, e);
            }
        }
    }
}
