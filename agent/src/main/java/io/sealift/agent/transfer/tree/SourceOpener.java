package io.sealift.agent.transfer.tree;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens source files for reading; the seam tests use to make one file fail. */
@FunctionalInterface
public interface SourceOpener {
    /** Opens {@code path} for reading without following a symlink. */
    FileChannel open(Path path) throws IOException;

    /** Returns the opener of real files. */
    static SourceOpener real() {
        return path -> FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }
}
