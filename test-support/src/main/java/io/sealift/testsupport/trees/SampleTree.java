package io.sealift.testsupport.trees;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Generates a tree with everything a migration must carry: nested and empty directories, empty,
 * small and multi-frame files, unusual modes, old modification times, and symlinks (relative, to
 * a directory, dangling, and one pointing outside the tree, which is stored as a link and never
 * followed). Every file name and every file's content carries a unique marker string, so a test
 * can prove that no name and no content reached a place it must not.
 */
public final class SampleTree {
    private final Path root;
    private final List<String> markers = new ArrayList<>();
    private final List<String> contentMarkers = new ArrayList<>();
    private final Random random;

    private SampleTree(Path root, long seed) {
        this.root = root;
        this.random = new Random(seed);
    }

    /**
     * A generated tree.
     *
     * @param root its root
     * @param markers every marker, in names and in contents
     * @param contentMarkers the markers written into files, each as {@code [marker]}
     */
    public record Generated(Path root, List<String> markers, List<String> contentMarkers) {
        /** Returns the markers as UTF-8 bytes. */
        public List<byte[]> markerBytes() {
            return markers.stream().map(m -> m.getBytes(StandardCharsets.UTF_8)).toList();
        }
    }

    /**
     * Creates the tree under {@code root} (which must not exist or be empty).
     *
     * @param largeFileBytes the size of the one large file (a few frames at least)
     */
    public static Generated generate(Path root, long seed, int largeFileBytes) {
        SampleTree tree = new SampleTree(root, seed);
        try {
            tree.build(largeFileBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate a sample tree in " + root, e);
        }
        return new Generated(root, List.copyOf(tree.markers), List.copyOf(tree.contentMarkers));
    }

    private void build(int largeFileBytes) throws IOException {
        Files.createDirectories(root);
        Path docs = dir(root, "docs-" + marker(), "rwxr-xr-x");
        Path nested = dir(docs, "nested-" + marker(), "rwx------");
        Path deep = dir(nested, "deeper", "rwxr-x---");
        dir(root, "empty-dir-" + marker(), "rwxr-xr-x");

        file(root, "empty-" + marker() + ".txt", 0, "rw-r--r--");
        Path report = file(docs, "report-" + marker() + ".txt", 5_000, "rw-r--r--");
        file(docs, "secret-" + marker() + ".key", 300, "rw-------");
        file(nested, "run-" + marker() + ".sh", 2_000, "rwxr-xr-x");
        file(deep, "large-" + marker() + ".bin", largeFileBytes, "rw-r-----");
        for (int i = 0; i < 40; i++) {
            file(deep, "small-" + i + "-" + marker(), 1 + random.nextInt(4_000), "rw-r--r--");
        }
        // A name outside ASCII, when this JVM maps file names as UTF-8 (it does under a UTF-8 locale).
        String nonAscii = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")) ? "unicode-é-ü-" : "ascii-";
        file(root, nonAscii + marker() + ".txt", 777, "rw-rw-r--");

        Files.createSymbolicLink(root.resolve("link-to-report-" + marker()), root.relativize(report));
        Files.createSymbolicLink(nested.resolve("link-to-parent-dir"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("dangling-" + marker()), Path.of("no-such-file"));
        Files.createSymbolicLink(root.resolve("outside-" + marker()), Path.of("../../etc/passwd"));

        // Directory times last: creating entries inside a directory touches its mtime.
        for (Path dir : List.of(deep, nested, docs)) {
            Files.setLastModifiedTime(dir, time());
        }
    }

    private Path dir(Path parent, String name, String mode) throws IOException {
        Path dir = Files.createDirectory(parent.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        Files.setLastModifiedTime(dir, time());
        return dir;
    }

    private Path file(Path parent, String name, int size, String mode) throws IOException {
        Path file = parent.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            if (size > 0) {
                String contentMarker = marker();
                contentMarkers.add(contentMarker);
                byte[] marker = ("[" + contentMarker + "]").getBytes(StandardCharsets.UTF_8);
                byte[] chunk = new byte[64 * 1024];
                long left = size;
                boolean first = true;
                while (left > 0) {
                    random.nextBytes(chunk);
                    if (first) {
                        System.arraycopy(marker, 0, chunk, 0, Math.min(marker.length, chunk.length));
                        first = false;
                    }
                    int n = (int) Math.min(left, chunk.length);
                    out.write(chunk, 0, n);
                    left -= n;
                }
            }
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        Files.setLastModifiedTime(file, time());
        return file;
    }

    private String marker() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String marker = "MRK" + HexFormat.of().formatHex(bytes);
        markers.add(marker);
        return marker;
    }

    private FileTime time() {
        // Some time in 2001–2021, to the millisecond.
        return FileTime.fromMillis(978_307_200_000L + (long) (random.nextDouble() * 631_152_000_000L));
    }
}
