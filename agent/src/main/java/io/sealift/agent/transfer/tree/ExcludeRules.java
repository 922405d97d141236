package io.sealift.agent.transfer.tree;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A source endpoint's {@code exclude} globs. A glob without '/' matches an entry's name at any
 * depth ({@code *.tmp} excludes every {@code .tmp} file); a glob with '/' matches the entry's path
 * relative to the endpoint root ({@code cache/**} excludes everything under the top-level
 * {@code cache}, {@code logs/*.log} only the logs there). An excluded directory is skipped with
 * everything below it. Immutable.
 */
public final class ExcludeRules {
    private final List<PathMatcher> byName = new ArrayList<>();
    private final List<PathMatcher> byPath = new ArrayList<>();

    private ExcludeRules(List<String> globs) {
        for (String glob : globs) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            (glob.contains("/") ? byPath : byName).add(matcher);
        }
    }

    /**
     * Returns the rules for {@code globs}.
     *
     * @throws IllegalArgumentException if a glob is malformed (the config loader checks them first)
     */
    public static ExcludeRules of(List<String> globs) {
        return new ExcludeRules(globs);
    }

    /** Returns rules that exclude nothing. */
    public static ExcludeRules none() {
        return new ExcludeRules(List.of());
    }

    /** Returns whether the entry at {@code relativePath} (with '/' separators) named {@code name} is excluded. */
    public boolean excludes(String relativePath, String name) {
        if (!byName.isEmpty()) {
            Path namePath = Path.of(name);
            for (PathMatcher matcher : byName) {
                if (matcher.matches(namePath)) {
                    return true;
                }
            }
        }
        if (!byPath.isEmpty()) {
            Path path = Path.of(relativePath);
            for (PathMatcher matcher : byPath) {
                if (matcher.matches(path)) {
                    return true;
                }
            }
        }
        return false;
    }
}
