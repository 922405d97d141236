package io.sealift.agent.transfer.session;

import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.ManifestCodec;
import io.sealift.agent.transfer.tree.TreeWriter;
import io.sealift.agent.transfer.tree.ValidatedManifest;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.ManifestEntry;
import java.util.List;

/**
 * Splits the receiver's verified plaintext stream back into its parts: the 8-byte manifest
 * length, the manifest (checked against the header's hash, then validated entry by entry), and
 * the contents of each regular file in manifest order, written to the file's temporary file as
 * they arrive. Bytes beyond the last file, or a stream ending before it, are {@code TAMPERED}.
 *
 * <p>Not thread-safe: the receiver's thread owns it.
 */
final class PlaintextDemux {
    private final byte[] manifestSha256;
    private final TreeWriter writer;
    private final TransferProgress progress;
    private final byte[] length = new byte[Long.BYTES];
    private int lengthFill;
    private byte[] manifestBytes;
    private int manifestFill;
    private ValidatedManifest manifest;
    private List<ManifestEntry> files = List.of();
    private int nextFile;
    private long remaining;
    private boolean fileOpen;

    PlaintextDemux(byte[] manifestSha256, TreeWriter writer, TransferProgress progress) {
        this.manifestSha256 = manifestSha256;
        this.writer = writer;
        this.progress = progress;
    }

    /** Takes the next {@code count} verified bytes of the stream from {@code data} at {@code offset}. */
    void accept(byte[] data, int offset, int count) throws TransferException {
        while (count > 0) {
            int used;
            if (lengthFill < length.length) {
                used = takeLength(data, offset, count);
            } else if (manifest == null) {
                used = takeManifest(data, offset, count);
            } else {
                used = takeFile(data, offset, count);
            }
            offset += used;
            count -= used;
        }
    }

    private int takeLength(byte[] data, int offset, int count) throws TransferException {
        int used = Math.min(count, length.length - lengthFill);
        System.arraycopy(data, offset, length, lengthFill, used);
        lengthFill += used;
        if (lengthFill == length.length) {
            long size = 0;
            for (byte b : length) {
                size = (size << 8) | (b & 0xff);
            }
            if (size < 0 || size > ManifestCodec.MAX_BYTES) {
                throw new TransferException(ErrorCode.TAMPERED, "the manifest length " + size + " is out of bounds");
            }
            manifestBytes = new byte[(int) size];
            completeManifestIfFull();
        }
        return used;
    }

    private int takeManifest(byte[] data, int offset, int count) throws TransferException {
        int used = Math.min(count, manifestBytes.length - manifestFill);
        System.arraycopy(data, offset, manifestBytes, manifestFill, used);
        manifestFill += used;
        completeManifestIfFull();
        return used;
    }

    private void completeManifestIfFull() throws TransferException {
        if (manifestFill < manifestBytes.length) {
            return;
        }
        manifest = ValidatedManifest.validate(ManifestCodec.decode(manifestBytes, manifestSha256));
        manifestBytes = null;
        files = manifest.regularFiles();
        writer.begin(manifest);
        progress.totals(manifest.totalBytes(), files.size());
        advance();
    }

    private int takeFile(byte[] data, int offset, int count) throws TransferException {
        if (!fileOpen) {
            throw new TransferException(ErrorCode.TAMPERED, "the stream holds more bytes than the manifest's files");
        }
        int used = (int) Math.min(count, remaining);
        writer.write(data, offset, used);
        remaining -= used;
        progress.addBytes(used);
        if (remaining == 0) {
            closeFile();
            advance();
        }
        return used;
    }

    /** Opens the next file; files of size 0 are complete at once. */
    private void advance() throws TransferException {
        while (!fileOpen && nextFile < files.size()) {
            writer.openNext();
            remaining = files.get(nextFile).getSize();
            fileOpen = true;
            if (remaining == 0) {
                closeFile();
            }
        }
    }

    private void closeFile() throws TransferException {
        writer.closeCurrent();
        fileOpen = false;
        nextFile++;
        progress.fileDone();
    }

    /**
     * Checks, after the final frame, that the stream held exactly the manifest and every file.
     *
     * @throws TransferException with {@code TAMPERED} if it ended early
     */
    ValidatedManifest finish() throws TransferException {
        if (manifest == null || fileOpen || nextFile < files.size()) {
            throw new TransferException(ErrorCode.TAMPERED, "the stream ended before the manifest's last file");
        }
        return manifest;
    }
}
