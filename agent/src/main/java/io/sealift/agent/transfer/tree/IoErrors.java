package io.sealift.agent.transfer.tree;

import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/**
 * Maps file system failures to error codes: a full disk or exhausted quota to {@code DISK_FULL},
 * refused access or a read-only file system to {@code PERMISSION_DENIED}, anything else to the
 * caller's fallback. The exception's own message (which names paths) stays in the local detail.
 * Stateless.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** Returns a {@link TransferException} for {@code e} while doing {@code what}. */
    public static TransferException classify(IOException e, ErrorCode fallback, String what) {
        return new TransferException(code(e, fallback), what + ": " + e, e);
    }

    /** Returns the code for {@code e}. */
    public static ErrorCode code(IOException e, ErrorCode fallback) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : String.valueOf(e.getMessage());
        if (reason.contains("No space left on device") || reason.contains("Disk quota exceeded")) {
            return ErrorCode.DISK_FULL;
        }
        if (e instanceof AccessDeniedException || reason.contains("Permission denied")
                || reason.contains("Read-only file system") || reason.contains("Operation not permitted")) {
            return ErrorCode.PERMISSION_DENIED;
        }
        return fallback;
    }
}
