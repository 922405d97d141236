package io.sealift.agent.transfer.tree;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Creates the temporary files a {@link TreeWriter} writes into; the seam tests use to fail writes. */
@FunctionalInterface
public interface TempFileOpener {
    /**
     * Creates {@code path}, which must not exist yet (not even as a link), owner-only, and opens
     * it for writing.
     */
    FileChannel create(Path path) throws IOException;

    /** Returns the opener that creates real files. */
    static TempFileOpener real() {
        return path -> FileChannel.open(path,
                Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
}
