package io.sealift.installer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One path the agent's service may reach beyond the read-only file system, and why. Immutable.
 *
 * @param access whether the service may write it or only read it
 * @param path an absolute, normalized path
 * @param reason what in the config asked for it, e.g. {@code target "inbox"}
 */
public record AllowedPath(Access access, Path path, String reason) {
    /** What the service may do with a path. */
    public enum Access {
        /** {@code ReadWritePaths=}: targets and a non-default state directory. */
        READ_WRITE,
        /** {@code ReadOnlyPaths=}: sources, read-only even inside a writable target. */
        READ_ONLY
    }

    /** Checks that the path is absolute and normalized. */
    public AllowedPath {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(reason, "reason");
        if (!path.isAbsolute() || !path.normalize().equals(path)) {
            throw new IllegalArgumentException(reason + ": path " + path + " must be absolute and normalized");
        }
    }
}
