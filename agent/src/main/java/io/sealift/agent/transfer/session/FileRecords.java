package io.sealift.agent.transfer.session;

import io.sealift.proto.v1.ErrorCode;
import java.util.Set;

/**
 * The file records of the content stream after the manifest, one per regular file in manifest
 * order (transfer.proto, {@code SealedFrame}): an operation byte, then for {@code SEND} an
 * 8-byte offset and segments of at most {@value #SEGMENT} bytes, each followed by a mark byte.
 * A mark after a segment vouches for it: the receiver counts only bytes of segments followed by
 * {@code MORE} or {@code DONE} as verified, so a sender that fails in the middle of a segment
 * pads it with zeros and marks it {@code FAILED}. Stateless.
 */
final class FileRecords {
    /** Operation: the file's bytes from an offset follow. */
    static final int SEND = 1;
    /** Operation: the receiver already holds the file. */
    static final int HAVE = 2;
    /** Operation: the file is outside the session's scope. */
    static final int SKIP = 3;
    /** Operation: the sender could not read the file; a 4-byte error code follows. */
    static final int FAILED = 4;

    /** Mark: the segment is good and more follow. */
    static final int MORE = 1;
    /** Mark: the segment is good and the file complete. */
    static final int DONE = 2;
    /** Mark: the segment is not the file's content and the file is abandoned; a 4-byte code follows. */
    static final int ABANDONED = 3;

    /** The largest segment of file bytes between two marks. */
    static final int SEGMENT = 64 * 1024;

    /** The codes a file may fail with on its own, without failing the session. */
    static final Set<ErrorCode> PER_FILE_CODES = Set.of(ErrorCode.PERMISSION_DENIED, ErrorCode.SOURCE_CHANGED,
            ErrorCode.FILE_VANISHED, ErrorCode.FILE_IO_ERROR);

    private FileRecords() {
    }
}
