package io.sealift.agent.transfer.tree;

import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.Manifest;
import io.sealift.proto.v1.ManifestEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A manifest every entry of which is safe to create under a target root, with its totals.
 *
 * <p>Rules: a path is '/'-separated and relative, with no empty, "." or ".." segment, no NUL, at
 * most 4096 bytes and 255 bytes per segment; paths are unique; the parent of every entry is the
 * root or a directory listed earlier; a top-level name may not start with the temporary-file
 * prefix; kinds are known; sizes are non-negative and only regular files have one; only symlinks
 * have a (non-empty) target; modes are permission bits. A signed manifest that breaks a rule comes
 * from a broken or hostile sender, so it fails with {@code TAMPERED}. Immutable.
 */
public final class ValidatedManifest {
    private static final int MAX_PATH_BYTES = 4096;
    private static final int MAX_NAME_BYTES = 255;
    private static final int MAX_MODE = 07777;

    private final Manifest manifest;
    private final List<ManifestEntry> regularFiles;
    private final long totalBytes;

    private ValidatedManifest(Manifest manifest, List<ManifestEntry> regularFiles, long totalBytes) {
        this.manifest = manifest;
        this.regularFiles = List.copyOf(regularFiles);
        this.totalBytes = totalBytes;
    }

    /**
     * Checks every entry of {@code manifest}.
     *
     * @throws TransferException with {@code TAMPERED} naming the first bad entry's position and rule
     */
    public static ValidatedManifest validate(Manifest manifest) throws TransferException {
        Map<String, ManifestEntry.Kind> seen = new HashMap<>();
        List<ManifestEntry> regular = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < manifest.getEntriesCount(); i++) {
            ManifestEntry entry = manifest.getEntries(i);
            String problem = problem(entry, seen);
            if (problem != null) {
                throw new TransferException(ErrorCode.TAMPERED, "manifest entry " + i + " is refused: " + problem);
            }
            seen.put(entry.getPath(), entry.getKind());
            if (entry.getKind() == ManifestEntry.Kind.REGULAR) {
                regular.add(entry);
                try {
                    total = Math.addExact(total, entry.getSize());
                } catch (ArithmeticException e) {
                    throw new TransferException(ErrorCode.TAMPERED, "manifest sizes overflow");
                }
            }
        }
        return new ValidatedManifest(manifest, regular, total);
    }

    private static String problem(ManifestEntry entry, Map<String, ManifestEntry.Kind> seen) {
        String pathProblem = pathProblem(entry.getPath());
        if (pathProblem != null) {
            return pathProblem;
        }
        if (seen.containsKey(entry.getPath())) {
            return "the path repeats an earlier entry";
        }
        int slash = entry.getPath().lastIndexOf('/');
        if (slash >= 0 && seen.get(entry.getPath().substring(0, slash)) != ManifestEntry.Kind.DIRECTORY) {
            return "its parent is not a directory listed earlier";
        }
        if (slash < 0 && entry.getPath().startsWith(TreeWriter.TEMP_PREFIX)) {
            return "top-level names starting with " + TreeWriter.TEMP_PREFIX + " are reserved";
        }
        return kindProblem(entry);
    }

    /** Returns why {@code path} is not a safe relative path, or null if it is. */
    static String pathProblem(String path) {
        if (path.isEmpty()) {
            return "the path is empty";
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return "the path is longer than " + MAX_PATH_BYTES + " bytes";
        }
        if (path.indexOf('\0') >= 0) {
            return "the path contains NUL";
        }
        if (path.startsWith("/")) {
            return "the path is absolute";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "the path has an empty, '.' or '..' segment";
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                return "a name is longer than " + MAX_NAME_BYTES + " bytes";
            }
        }
        return null;
    }

    private static String kindProblem(ManifestEntry entry) {
        if (entry.getMode() < 0 || entry.getMode() > MAX_MODE) {
            return "the mode is not permission bits";
        }
        boolean regular = entry.getKind() == ManifestEntry.Kind.REGULAR;
        boolean link = entry.getKind() == ManifestEntry.Kind.SYMLINK;
        if (!regular && !link && entry.getKind() != ManifestEntry.Kind.DIRECTORY) {
            return "the kind is unknown";
        }
        if (entry.getSize() < 0 || (!regular && entry.getSize() != 0)) {
            return "the size is invalid for its kind";
        }
        if (link == entry.getLinkTarget().isEmpty() || entry.getLinkTarget().indexOf('\0') >= 0) {
            return "the link target is invalid for its kind";
        }
        return null;
    }

    /** Returns the manifest. */
    public Manifest manifest() {
        return manifest;
    }

    /** Returns the regular files, in manifest order: the order of their contents in the stream. */
    public List<ManifestEntry> regularFiles() {
        return regularFiles;
    }

    /** Returns the total size of the regular files. */
    public long totalBytes() {
        return totalBytes;
    }
}
