package io.sealift.testsupport.process;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the built launchers {@code bin/sealift-control} and {@code bin/sealift-agent}.
 *
 * <p>System properties {@code sealift.control.home} and {@code sealift.agent.home} win;
 * otherwise the module target directories are searched upward from the working directory.
 *
 * @param controlHome the control plane's installation directory (holds {@code bin/}, {@code lib/})
 * @param agentHome the agent's installation directory
 */
public record SealiftPrograms(Path controlHome, Path agentHome) {

    /** Finds the launchers of this build; fails with a hint to run {@code ./mvnw package}. */
    public static SealiftPrograms locate() {
        Path control = home("sealift.control.home", "control-plane/target/sealift-control");
        Path agent = home("sealift.agent.home", "agent/target/sealift-agent");
        return new SealiftPrograms(control, agent);
    }

    /** Returns the control plane's launcher. */
    public Path controlLauncher() {
        return controlHome.resolve("bin/sealift-control");
    }

    /** Returns the agent's launcher. */
    public Path agentLauncher() {
        return agentHome.resolve("bin/sealift-agent");
    }

    private static Path home(String property, String relative) {
        String configured = System.getProperty(property);
        if (configured != null) {
            return requireLauncher(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isDirectory(candidate.resolve("bin"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found: run ./mvnw -DskipTests package first");
    }

    private static Path requireLauncher(Path home) {
        if (!Files.isDirectory(home.resolve("bin"))) {
            throw new IllegalStateException(home + "/bin not found: run ./mvnw -DskipTests package first");
        }
        return home;
    }
}
