package io.sealift.control.testing;

import io.micronaut.test.support.TestPropertyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives each {@code @MicronautTest} class a fresh data directory, random ports and the embedded
 * H2 store. Extend it and annotate the test with {@code @TestInstance(PER_CLASS)}.
 */
public abstract class TempDataDir implements TestPropertyProvider {
    private final Path dataDir = createTempDir();

    /** Returns this test class's data directory. */
    protected Path dataDir() {
        return dataDir;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("sealift.data-dir", dataDir.toString());
        properties.put("sealift.grpc.port", "0");
        properties.put("micronaut.server.port", "-1");
        properties.putAll(extraProperties());
        return properties;
    }

    /** Extra properties a subclass adds, e.g. a PostgreSQL datasource. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("sealift-cp-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
