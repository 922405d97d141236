package io.sealift.agent.transfer.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one session, for progress reports: regular files and their bytes, done and in
 * total. The sender counts what it has read into frames; the receiver what it has verified and
 * written. Totals are zero until the manifest is known.
 *
 * <p>Thread-safe: the session thread counts, a timer reads.
 */
public final class TransferProgress {
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong filesDone = new AtomicLong();
    private volatile long bytesTotal;
    private volatile long filesTotal;

    /** The counters at one moment. */
    public record Snapshot(long bytesDone, long bytesTotal, long filesDone, long filesTotal) {
    }

    void totals(long bytes, long files) {
        this.bytesTotal = bytes;
        this.filesTotal = files;
    }

    void addBytes(long bytes) {
        bytesDone.addAndGet(bytes);
    }

    void fileDone() {
        filesDone.incrementAndGet();
    }

    /** Returns the current counters. */
    public Snapshot snapshot() {
        return new Snapshot(bytesDone.get(), bytesTotal, filesDone.get(), filesTotal);
    }
}
