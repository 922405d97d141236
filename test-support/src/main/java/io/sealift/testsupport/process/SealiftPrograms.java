package io.sealift.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

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

    /**
     * Returns installations in {@code dir} that are these ones plus extra jars in {@code lib/}:
     * the launchers are copied, the built jars linked, and {@code controlJars}/{@code agentJars}
     * added. This is how end-to-end tests put a test hook (a relay recorder, say) on a program's
     * classpath without the shipped programs knowing of any such hook.
     */
    public SealiftPrograms withExtraJars(Path dir, List<Path> controlJars, List<Path> agentJars) {
        return new SealiftPrograms(extend(controlHome, dir.resolve("control"), controlJars),
                extend(agentHome, dir.resolve("agent"), agentJars));
    }

    private static Path extend(Path home, Path copy, List<Path> extraJars) {
        try {
            Files.createDirectories(copy.resolve("lib"));
            Files.createDirectories(copy.resolve("bin"));
            try (Stream<Path> launchers = Files.list(home.resolve("bin"))) {
                for (Path launcher : launchers.toList()) {
                    Files.copy(launcher, copy.resolve("bin").resolve(launcher.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
                for (Path jar : jars.toList()) {
                    Path link = copy.resolve("lib").resolve(jar.getFileName());
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, jar.toAbsolutePath());
                }
            }
            for (Path jar : extraJars) {
                Files.copy(jar, copy.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out a test installation in " + copy, e);
        }
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
