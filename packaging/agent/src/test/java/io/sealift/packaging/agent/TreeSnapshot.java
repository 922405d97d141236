package io.sealift.packaging.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every entry under a directory with its type, owner, group, mode, modification time and
 * content hash, sorted: equal snapshots mean nothing changed. Stateless.
 */
final class TreeSnapshot {
    private TreeSnapshot() {
    }

    /** Returns one line per entry under {@code root}. */
    static List<String> of(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.sorted().map(path -> describe(root, path)).toList();
        }
    }

    /** Returns the lines only one of two snapshots has, each marked with - or +. */
    static List<String> difference(List<String> before, List<String> after) {
        Set<String> old = new HashSet<>(before);
        Set<String> now = new HashSet<>(after);
        return Stream.concat(before.stream().filter(l -> !now.contains(l)).map(l -> "- " + l),
                after.stream().filter(l -> !old.contains(l)).map(l -> "+ " + l)).toList();
    }

    private static String describe(Path root, Path path) {
        try {
            Map<String, Object> unix = Files.readAttributes(path, "unix:uid,gid,mode,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            String content = Files.isSymbolicLink(path) ? "-> " + Files.readSymbolicLink(path)
                    : Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? sha256(path) : "dir";
            return root.relativize(path) + " " + unix.get("uid") + ":" + unix.get("gid") + " "
                    + Integer.toOctalString((Integer) unix.get("mode")) + " " + unix.get("lastModifiedTime") + " " + content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
