package io.sealift.agent.transfer.tree;

import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * A point inside the commit where a fault-injection test may stop the agent: after every file's
 * bytes were fsynced and the journal's {@code PLACED} records were flushed, just before a
 * temporary file is renamed to its final name. Production has none: {@link #installed()} finds an
 * implementation only if a jar on the classpath declares one as a service
 * ({@code META-INF/services/io.sealift.agent.transfer.tree.CommitProbe}), which only the agent's
 * {@code fault-hooks} test jar does; the packaging tests check that no shipped jar holds one.
 */
public interface CommitProbe {

    /** The probe that does nothing. */
    CommitProbe NONE = (from, to, index) -> { };

    /**
     * Called before each rename of a commit, on the committing thread.
     *
     * @param from the temporary file
     * @param to its final name
     * @param index how many renames this commit did before this one
     */
    void beforeRename(Path from, Path to, int index);

    /** Returns the first probe a service declaration on the classpath names, or {@link #NONE}. */
    static CommitProbe installed() {
        return ServiceLoader.load(CommitProbe.class, CommitProbe.class.getClassLoader()).findFirst().orElse(NONE);
    }
}
