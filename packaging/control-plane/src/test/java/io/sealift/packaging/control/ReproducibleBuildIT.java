package io.sealift.packaging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same source gives the same bytes: builds the distributions a second time, from a copy of
 * the source tree at another path, with another time zone, umask and locale ({@code LC_ALL=C},
 * which is what once made jlink write different bytes: see packaging/src/build/RuntimeImage.java),
 * and compares every artifact (tarballs, .deb, SBOMs, checksums) with this build's. Slow (a full
 * second build), so it runs only with {@code -Preproducibility}, which .ci/run passes.
 */
class ReproducibleBuildIT {
    private static final List<String> MODULES = List.of("packaging/agent", "packaging/control-plane");

    @TempDir
    Path work;

    @Test
    void secondBuild_fromACopyElsewhere_givesTheSameBytes() throws Exception {
        assumeTrue(Boolean.getBoolean("sealift.reproducibility"), "runs with -Preproducibility");
        Path source = Dists.repositoryRoot();
        Path copy = work.resolve("elsewhere/sealift");
        copySourceTree(source, copy);

        run(copy, List.of("sh", "-c", "umask 0002 && ./mvnw -B -q -pl " + String.join(",", MODULES)
                + " -am package -DskipTests"));

        int compared = 0;
        for (String module : MODULES) {
            for (Path artifact : artifacts(source.resolve(module).resolve("target"))) {
                Path rebuilt = copy.resolve(module).resolve("target").resolve(artifact.getFileName());
                assertEquals(-1L, Files.mismatch(artifact, rebuilt), artifact.getFileName() + " differs between builds");
                compared++;
            }
        }
        assertEquals(12, compared, "two tarballs, the .deb, their SBOMs, and a checksum of each");
    }

    private static List<Path> artifacts(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches(".*\\.(tar\\.gz|deb|cdx\\.json|sha256)"))
                    .sorted().toList();
        }
    }

    /** Copies what git tracks plus untracked files it does not ignore: the source, without target/. */
    private static void copySourceTree(Path source, Path copy) throws Exception {
        String listed = run(source, List.of("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"));
        for (String name : listed.split("\0")) {
            Path from = source.resolve(name);
            if (name.isEmpty() || !Files.isRegularFile(from)) {
                continue;
            }
            Path to = copy.resolve(name);
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static String run(Path dir, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("TZ", "Pacific/Auckland");
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(Arrays.toString(command.toArray()) + " failed:\n" + output);
        }
        return output;
    }
}
