package io.sealift.packaging.control;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the distributions of this build are: this module's target and the agent dist's. Stateless. */
final class Dists {
    private Dists() {
    }

    /** Returns the project version, as the build passed it. */
    static String version() {
        return System.getProperty("sealift.version", "0.1.0-SNAPSHOT");
    }

    /** Returns the repository's root directory. */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("sealift.repo.root", "../..")).toAbsolutePath().normalize();
    }

    /** Returns the control plane tarball this module built. */
    static Path controlTarball() {
        return existing(repositoryRoot().resolve("packaging/control-plane/target/sealift-control-" + version()
                + "-linux-x64.tar.gz"));
    }

    /** Returns the agent tarball packaging/agent built. */
    static Path agentTarball() {
        return existing(repositoryRoot().resolve("packaging/agent/target/sealift-agent-" + version()
                + "-linux-x64.tar.gz"));
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new AssertionError(path + " is missing: run ./mvnw package first");
        }
        return path;
    }
}
