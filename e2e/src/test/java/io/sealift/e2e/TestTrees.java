package io.sealift.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a tree of random, incompressible files for the fault tests: {@code large} files of
 * {@code largeBytes} each at the root and {@code small} files of 1 B to 32 KiB under
 * {@code small/}. The same seed writes the same tree. Stateless.
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
