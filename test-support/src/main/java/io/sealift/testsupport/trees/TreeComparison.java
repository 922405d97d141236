package io.sealift.testsupport.trees;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two file trees the way a migration promises to keep them: the same relative paths,
 * kinds, contents (SHA-256), permission bits, modification times (to the millisecond) and
 * symlink targets (read, never followed), directories included. Streams file contents.
 */
public final class TreeComparison {
    private TreeComparison() {
    }

    /** A summary of one tree. */
    public record Summary(long files, long directories, long symlinks, long bytes) {
    }

    /**
     * Returns the differences between {@code expected} and {@code actual}, as readable lines (at
     * most 50); empty when the trees are identical. The roots' own attributes are not compared.
     */
    public static List<String> differences(Path expected, Path actual) {
        Map<String, String> left = describe(expected);
        Map<String, String> right = describe(actual);
        List<String> differences = new ArrayList<>();
        for (var entry : left.entrySet()) {
            String other = right.get(entry.getKey());
            if (other == null) {
                differences.add("missing: " + entry.getKey());
            } else if (!other.equals(entry.getValue())) {
                differences.add("differs: " + entry.getKey() + ": expected " + entry.getValue() + ", got " + other);
            }
        }
        for (String path : right.keySet()) {
            if (!left.containsKey(path)) {
                differences.add("unexpected: " + path);
            }
        }
        return differences.size() > 50 ? differences.subList(0, 50) : differences;
    }

    /**
     * Returns the regular files of {@code actual} that sit under a final name (one not starting
     * with {@code tempPrefix}) but do not hold exactly the content of the same path in
     * {@code expected}: partial, damaged or foreign files a migration must never show. Only
     * contents count; modes and mtimes may still be on their way. Empty when there is none (or
     * {@code actual} does not exist).
     */
    public static List<String> partialUnderFinalNames(Path expected, Path actual, String tempPrefix) {
        List<String> partial = new ArrayList<>();
        if (!Files.exists(actual, LinkOption.NOFOLLOW_LINKS)) {
            return partial;
        }
        walk(actual, (relative, path, attributes) -> {
            if (!attributes.isRegularFile() || path.getFileName().toString().startsWith(tempPrefix)) {
                return;
            }
            try {
                Path original = expected.resolve(relative);
                if (!Files.isRegularFile(original, LinkOption.NOFOLLOW_LINKS)) {
                    partial.add(relative + ": no such file in " + expected);
                } else if (Files.size(original) != attributes.size() || !sha256(original).equals(sha256(path))) {
                    partial.add(relative + ": " + attributes.size() + " bytes that are not the original's "
                            + Files.size(original));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return partial;
    }

    /** Counts what a tree holds, without following links. */
    public static Summary summarize(Path root) {
        long[] counts = new long[4];
        walk(root, (relative, path, attributes) -> {
            if (attributes.isSymbolicLink()) {
                counts[2]++;
            } else if (attributes.isDirectory()) {
                counts[1]++;
            } else {
                counts[0]++;
                counts[3] += attributes.size();
            }
        });
        return new Summary(counts[0], counts[1], counts[2], counts[3]);
    }

    private static Map<String, String> describe(Path root) {
        Map<String, String> entries = new TreeMap<>();
        walk(root, (relative, path, attributes) -> entries.put(relative, describe(path, attributes)));
        return entries;
    }

    private static String describe(Path path, BasicFileAttributes attributes) {
        try {
            if (attributes.isSymbolicLink()) {
                return "symlink -> " + Files.readSymbolicLink(path);
            }
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
            long mtime = attributes.lastModifiedTime().toMillis();
            if (attributes.isDirectory()) {
                return "directory " + mode + " mtime " + mtime;
            }
            return "file " + mode + " mtime " + mtime + " size " + attributes.size() + " sha256 " + sha256(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Visitor {
        void visit(String relative, Path path, BasicFileAttributes attributes);
    }

    private static void walk(Path root, Visitor visitor) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (!dir.equals(root)) {
                        visitor.visit(root.relativize(dir).toString(), dir, attributes);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    visitor.visit(root.relativize(file).toString(), file, attributes);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + root, e);
        }
    }
}
