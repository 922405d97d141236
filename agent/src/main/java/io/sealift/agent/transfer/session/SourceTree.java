package io.sealift.agent.transfer.session;

import io.sealift.agent.transfer.tree.ExcludeRules;
import io.sealift.agent.transfer.tree.SourceOpener;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * What a sender session sends. Immutable.
 *
 * @param root the source endpoint's directory
 * @param excludes what not to send
 * @param opener opens files for reading
 * @param inScope which paths this session sends: all of them, or only the files that failed in
 *     the job's earlier sessions
 */
public record SourceTree(Path root, ExcludeRules excludes, SourceOpener opener, Predicate<String> inScope) {
    /** Returns the whole tree at {@code root}, minus {@code excludes}, read from real files. */
    public static SourceTree all(Path root, ExcludeRules excludes) {
        return new SourceTree(root, excludes, SourceOpener.real(), path -> true);
    }
}
