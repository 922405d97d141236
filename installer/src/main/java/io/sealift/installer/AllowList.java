package io.sealift.installer;

import io.sealift.installer.AllowedPath.Access;
import java.util.List;

/**
 * The paths the agent's service may reach, in config order: what {@code sealift-agent-paths}
 * turns into the unit's {@code ReadWritePaths=} and {@code ReadOnlyPaths=}. Immutable.
 *
 * @param paths the allowed paths; may be empty
 */
public record AllowList(List<AllowedPath> paths) {
    /** Copies the list. */
    public AllowList {
        paths = List.copyOf(paths);
    }

    /** Returns the paths with {@code access}, in order. */
    public List<AllowedPath> with(Access access) {
        return paths.stream().filter(p -> p.access() == access).toList();
    }
}
