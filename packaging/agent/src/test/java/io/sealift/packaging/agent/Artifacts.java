package io.sealift.packaging.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The artifacts this module's {@code package} phase built, found in its target directory (the
 * failsafe environment variable {@code SEALIFT_BUILD_DIR}, else {@code target}). Stateless.
 */
final class Artifacts {
    private Artifacts() {
    }

    /** Returns the build directory. */
    static Path buildDir() {
        String dir = System.getenv("SEALIFT_BUILD_DIR");
        return Path.of(dir == null ? "target" : dir).toAbsolutePath();
    }

    /** Returns the project version, as the build passed it. */
    static String version() {
        return System.getProperty("sealift.version", "0.1.0-SNAPSHOT");
    }

    /** Returns the agent tarball. */
    static Path tarball() {
        return existing(buildDir().resolve("sealift-agent-" + version() + "-linux-x64.tar.gz"));
    }

    /** Returns the agent .deb. */
    static Path deb() {
        try (var files = Files.list(buildDir())) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().matches("sealift-agent_.*_amd64\\.deb"))
                    .toList();
            if (debs.size() != 1) {
                throw new AssertionError("expected one .deb in " + buildDir() + ", found " + debs);
            }
            return debs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Extracts the tarball into {@code dir} with the system's tar, as a customer would, and
     * returns the distribution directory in it.
     */
    static Path extractTarball(Path dir) {
        Command.run(List.of("tar", "-xzf", tarball().toString(), "-C", dir.toString())).ok();
        return existing(dir.resolve("sealift-agent-" + version()));
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new AssertionError(path + " is missing: run ./mvnw package first");
        }
        return path;
    }
}
