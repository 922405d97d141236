package io.sealift.agent.transfer.session;

import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.ManifestCodec;
import io.sealift.agent.transfer.resume.ResumeState;
import io.sealift.agent.transfer.tree.TreeWriter;
import io.sealift.agent.transfer.tree.ValidatedManifest;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.FileFailure;
import io.sealift.proto.v1.ManifestEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the receiver's verified plaintext stream back into its parts: the 8-byte manifest
 * length, the manifest (checked against the header's hash, then validated entry by entry), and
 * one {@link FileRecords file record} per regular file, whose bytes go to the {@link TreeWriter}
 * as they arrive.
 *
 * <p>The sender's records are checked against what this receiver holds: {@code HAVE} only for a
 * file the journal holds complete, a resumed {@code SEND} only from within a verified prefix
 * the journal holds, {@code SKIP} only in a session whose scope allows it, failure codes only
 * from the per-file list; anything else, bytes beyond the last record, or a stream ending
 * before it, is {@code TAMPERED}.
 *
 * <p>Not thread-safe: the receiver's thread owns it.
 */
final class PlaintextDemux {
    private enum Part { LENGTH, MANIFEST, OPERATION, OFFSET, SEGMENT, MARK, CODE, END }

    private final byte[] manifestSha256;
    private final TreeWriter writer;
    private final ResumeState held;
    private final boolean skipsAllowed;
    private final TransferProgress progress;
    private final byte[] field = new byte[Long.BYTES];
    private final List<FileFailure> localFailures = new ArrayList<>();
    private Part part = Part.LENGTH;
    private int fieldFill;
    private byte[] manifestBytes;
    private int manifestFill;
    private ValidatedManifest manifest;
    private FileResults results;
    private int file;
    private long remaining;
    private int segmentLeft;
    private int segmentLength;
    private boolean codeAfterMark;

    PlaintextDemux(byte[] manifestSha256, TreeWriter writer, ResumeState held, boolean skipsAllowed,
            TransferProgress progress) {
        this.manifestSha256 = manifestSha256;
        this.writer = writer;
        this.held = held;
        this.skipsAllowed = skipsAllowed;
        this.progress = progress;
    }

    /** Takes the next {@code count} verified bytes of the stream from {@code data} at {@code offset}. */
    void accept(byte[] data, int offset, int count) throws TransferException {
        while (count > 0) {
            int used = switch (part) {
                case MANIFEST -> takeManifest(data, offset, count);
                case SEGMENT -> takeSegment(data, offset, count);
                case END -> throw tampered("the stream holds more than the manifest's files");
                default -> takeField(data, offset, count);
            };
            offset += used;
            count -= used;
        }
    }

    private int fieldLength() {
        return switch (part) {
            case LENGTH, OFFSET -> Long.BYTES;
            case CODE -> Integer.BYTES;
            default -> 1;
        };
    }

    private int takeField(byte[] data, int offset, int count) throws TransferException {
        int used = Math.min(count, fieldLength() - fieldFill);
        System.arraycopy(data, offset, field, fieldFill, used);
        fieldFill += used;
        if (fieldFill == fieldLength()) {
            long value = 0;
            for (int i = 0; i < fieldFill; i++) {
                value = (value << 8) | (field[i] & 0xff);
            }
            fieldFill = 0;
            onField(value);
        }
        return used;
    }

    private void onField(long value) throws TransferException {
        switch (part) {
            case LENGTH -> startManifest(value);
            case OPERATION -> onOperation((int) value);
            case OFFSET -> onOffset(value);
            case MARK -> onMark((int) value);
            case CODE -> onCode((int) value);
            default -> throw new IllegalStateException("no field in part " + part);
        }
    }

    private void startManifest(long size) throws TransferException {
        if (size < 0 || size > ManifestCodec.MAX_BYTES) {
            throw tampered("the manifest length " + size + " is out of bounds");
        }
        manifestBytes = new byte[(int) size];
        part = Part.MANIFEST;
        completeManifestIfFull();
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
        results = new FileResults(manifest.regularFiles());
        writer.begin(manifest);
        progress.totals(manifest.totalBytes(), manifest.regularFiles().size());
        file = -1;
        nextFile();
    }

    private void nextFile() {
        file++;
        part = file < results.files().size() ? Part.OPERATION : Part.END;
    }

    private ManifestEntry entry() {
        return results.files().get(file);
    }

    private void onOperation(int operation) throws TransferException {
        switch (operation) {
            case FileRecords.SEND -> part = Part.OFFSET;
            case FileRecords.HAVE -> {
                if (!held.holdsComplete(entry())) {
                    throw tampered("the sender says file " + file + " is held, which the journal does not say");
                }
                results.set(file, FileResults.Status.HELD);
                countHeld();
                nextFile();
            }
            case FileRecords.SKIP -> {
                if (!skipsAllowed) {
                    throw tampered("the sender skipped file " + file + " in a session of the whole tree");
                }
                boolean isHeld = held.holdsComplete(entry());
                results.set(file, isHeld ? FileResults.Status.SKIPPED_HELD : FileResults.Status.SKIPPED);
                if (isHeld) {
                    countHeld();
                }
                nextFile();
            }
            case FileRecords.FAILED -> {
                codeAfterMark = false;
                part = Part.CODE;
            }
            default -> throw tampered("file record " + file + " has the unknown operation " + operation);
        }
    }

    private void countHeld() {
        progress.addBytes(entry().getSize());
        progress.fileDone();
    }

    private void onOffset(long offset) throws TransferException {
        ManifestEntry entry = entry();
        if (offset < 0 || offset > entry.getSize() || (offset > 0 && held.heldPrefix(entry) < offset)) {
            throw tampered("file " + file + " resumes at " + offset + ", beyond the verified prefix held");
        }
        writer.startFile(file, offset);
        progress.addBytes(offset);
        remaining = entry.getSize() - offset;
        startSegment();
    }

    private void startSegment() {
        segmentLength = (int) Math.min(FileRecords.SEGMENT, remaining);
        segmentLeft = segmentLength;
        part = segmentLength > 0 ? Part.SEGMENT : Part.MARK;
    }

    private int takeSegment(byte[] data, int offset, int count) throws TransferException {
        int used = Math.min(count, segmentLeft);
        writer.write(data, offset, used);
        segmentLeft -= used;
        remaining -= used;
        progress.addBytes(used);
        if (segmentLeft == 0) {
            part = Part.MARK;
        }
        return used;
    }

    private void onMark(int mark) throws TransferException {
        if (mark == FileRecords.ABANDONED) {
            codeAfterMark = true;
            part = Part.CODE;
        } else if (mark == FileRecords.MORE && remaining > 0) {
            writer.segmentVerified(segmentLength);
            startSegment();
        } else if (mark == FileRecords.DONE && remaining == 0) {
            writer.segmentVerified(segmentLength);
            ErrorCode failed = writer.finishFile();
            if (failed == null) {
                results.set(file, FileResults.Status.TRANSFERRED);
                progress.fileDone();
            } else {
                results.fail(file, failed);
                localFailures.add(FileFailure.newBuilder().setFile(file).setCode(failed).build());
            }
            nextFile();
        } else {
            throw tampered("file " + file + " has mark " + mark + " with " + remaining + " bytes left");
        }
    }

    private void onCode(int number) throws TransferException {
        ErrorCode code = ErrorCode.forNumber(number);
        if (code == null || !FileRecords.PER_FILE_CODES.contains(code)) {
            throw tampered("file " + file + " failed with code " + number + ", which is not a per-file code");
        }
        if (codeAfterMark) {
            writer.abandonFile();
        }
        results.fail(file, code);
        nextFile();
    }

    private static TransferException tampered(String detail) {
        return new TransferException(ErrorCode.TAMPERED, detail);
    }

    /**
     * Checks, after the final frame, that the stream held the manifest and a record of every file.
     *
     * @throws TransferException with {@code TAMPERED} if it ended early
     */
    ValidatedManifest finish() throws TransferException {
        if (part != Part.END) {
            throw tampered("the stream ended before the manifest's last file");
        }
        return manifest;
    }

    /** Returns what became of each file; complete after {@link #finish()}. */
    FileResults results() {
        return results;
    }

    /** Returns the files that failed here, on the receiver, rather than on the sender. */
    List<FileFailure> localFailures() {
        return localFailures;
    }
}
