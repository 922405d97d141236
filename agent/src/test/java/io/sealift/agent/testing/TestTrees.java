package io.sealift.agent.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builds source trees for transfer tests and compares trees the way the product promises. */
public final class TestTrees {
    private TestTrees() {
    }

    /**
     * Writes a tree with every kind of entry into {@code root}: nested directories, an empty
     * directory, empty and tiny files, files around multiples of {@code frameSize}, symlinks
     * (relative, absolute, dangling), unusual modes and fixed mtimes.
     */
    public static void sample(Path root, int frameSize, long seed) {
        Random random = new Random(seed);
        try {
            Files.createDirectories(root);
            file(root.resolve("empty.txt"), new byte[0], "rw-r--r--", 1_600_000_000_123L);
            file(root.resolve("one.bin"), bytes(random, 1), "rw-------", 1_600_000_001_000L);
            dir(root.resolve("docs"));
            file(root.resolve("docs/report.txt"), "quarterly numbers\n".getBytes(), "r--r--r--", 1_500_000_000_000L);
            file(root.resolve("docs/under-frame.bin"), bytes(random, frameSize - 1), "rw-r-----", 1_500_000_000_001L);
            file(root.resolve("docs/exact-frame.bin"), bytes(random, frameSize), "rw-r--r--", 1_500_000_000_002L);
            file(root.resolve("docs/over-frame.bin"), bytes(random, frameSize + 1), "rwxr-xr-x", 1_500_000_000_003L);
            dir(root.resolve("docs/deep/er/still"));
            file(root.resolve("docs/deep/er/still/big.bin"), bytes(random, frameSize * 7 + 13), "rw-r--r--",
                    1_400_000_000_000L);
            dir(root.resolve("empty-dir"));
            Files.createSymbolicLink(root.resolve("docs/link-up"), Path.of("../one.bin"));
            Files.createSymbolicLink(root.resolve("absolute-link"), Path.of("/etc/hostname"));
            Files.createSymbolicLink(root.resolve("dangling"), Path.of("no/such/file"));
            Files.createSymbolicLink(root.resolve("dir-link"), Path.of("docs"));
            times(root.resolve("docs/deep/er/still"), 1_300_000_000_000L);
            times(root.resolve("docs/deep/er"), 1_300_000_000_001L);
            times(root.resolve("docs/deep"), 1_300_000_000_002L);
            Files.setPosixFilePermissions(root.resolve("docs/deep"), PosixFilePermissions.fromString("rwxr-x---"));
            times(root.resolve("empty-dir"), 1_300_000_000_003L);
            times(root.resolve("docs"), 1_300_000_000_004L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    public static void file(Path path, byte[] content, String mode, long mtimeMillis) throws IOException {
        Files.write(path, content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        times(path, mtimeMillis);
    }

    private static void dir(Path path) throws IOException {
        Files.createDirectories(path);
    }

    public static void times(Path path, long mtimeMillis) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.fromMillis(mtimeMillis), null, null);
    }

    /** Asserts that {@code actual} holds exactly the tree of {@code expected}: names, kinds, contents, modes, mtimes, link targets. */
    public static void assertSameTree(Path expected, Path actual) {
        assertEquals(describe(expected), describe(actual));
        for (String path : describe(expected).keySet()) {
            Path file = expected.resolve(path);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(actual.resolve(path)), path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** Returns every entry below {@code root} (not the root itself) with kind, size, mode, mtime and link target. */
    public static TreeMap<String, String> describe(Path root) {
        TreeMap<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(p -> !p.equals(root)).toList()) {
                PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String kind = a.isDirectory() ? "dir" : a.isSymbolicLink() ? "link->" + Files.readSymbolicLink(path)
                        : "file " + a.size();
                String mode = a.isSymbolicLink() ? "" : " " + PosixFilePermissions.toString(a.permissions());
                entries.put(root.relativize(path).toString(), kind + mode + " " + a.lastModifiedTime().toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Returns the names directly in {@code dir}, hidden ones included. */
    public static List<String> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return new ArrayList<>(entries.map(p -> p.getFileName().toString()).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
