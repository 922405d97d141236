package io.sealift.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Writes a tree of random, incompressible files for the fault tests: {@code large} files of
 * {@code largeBytes} each at the root and {@code small} files of 1 B to 32 KiB under
 * {@code small/}. The same seed writes the same tree. Also removes trees. Stateless.
 */
final class TestTrees {
    private TestTrees() {
    }

    /** Writes the tree under {@code root} and returns {@code root}. */
    static Path write(Path root, long seed, int large, int largeBytes, int small) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Files.createDirectories(root.resolve("small"));
        for (int i = 0; i < large; i++) {
            file(root.resolve("large-" + i + ".bin"), largeBytes, random);
        }
        for (int i = 0; i < small; i++) {
            file(root.resolve("small").resolve("f" + i + ".dat"), 1 + random.nextInt(32 * 1024), random);
        }
        return root;
    }

    /**
     * Removes {@code root} and everything in it, if it exists, whatever the modes of its
     * directories; the fault tests empty the landing directory this way between jobs (the target
     * agent creates a missing one again).
     */
    static void delete(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = paths.toList();
            for (Path path : all) {
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
                }
            }
            for (Path path : all.stream().sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    private static void file(Path file, int size, SplittableRandom random) throws IOException {
        byte[] block = new byte[Math.min(size, 1 << 20)];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int done = 0; done < size; done += block.length) {
                random.nextBytes(block);
                out.write(block, 0, Math.min(block.length, size - done));
            }
        }
    }
}
