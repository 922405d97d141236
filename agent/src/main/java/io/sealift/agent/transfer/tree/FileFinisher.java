package io.sealift.agent.transfer.tree;

import io.sealift.agent.transfer.tree.internal.FileModes;
import io.sealift.proto.v1.ManifestEntry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a writer's fsyncs in the background and in parallel: finishing written temporary files
 * (fsync, then the manifest's mtime and mode) while the stream goes on, and syncing directories
 * at commit. fsync is the expensive step (one journal commit each on ext4, about a millisecond);
 * issued by many threads at once, the file system commits them together, which makes thousands
 * of small files affordable.
 *
 * <p>At most {@value #MAX_PENDING} tasks wait at a time, so memory stays bounded. Thread-safe for
 * one submitting thread; close it.
 */
final class FileFinisher implements AutoCloseable {
    private static final int THREADS = 16;
    private static final int MAX_PENDING = 512;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Semaphore slots = new Semaphore(MAX_PENDING);
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final ExecutorService pool;

    FileFinisher() {
        int id = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "sealift-fsync-" + id + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** File system work that may fail. */
    @FunctionalInterface
    interface IoTask {
        void run() throws IOException;
    }

    /**
     * Queues finishing {@code temp}, written in full for {@code entry}.
     *
     * @throws IOException if an earlier task failed
     */
    void finish(Path temp, ManifestEntry entry) throws IOException, InterruptedException {
        submit(() -> finishTemp(temp, entry));
    }

    /**
     * Queues an fsync of {@code directory}.
     *
     * @throws IOException if an earlier task failed
     */
    void sync(Path directory) throws IOException, InterruptedException {
        submit(() -> fsync(directory));
    }

    private void submit(IoTask task) throws IOException, InterruptedException {
        rethrow();
        slots.acquire();
        pool.execute(() -> {
            try {
                task.run();
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e instanceof IOException io ? io : new IOException(e));
            } finally {
                slots.release();
            }
        });
    }

    private static void finishTemp(Path temp, ManifestEntry entry) throws IOException {
        fsync(temp);
        Files.getFileAttributeView(temp, BasicFileAttributeView.class)
                .setTimes(FileTime.fromMillis(entry.getMtimeMillis()), null, null);
        Files.setPosixFilePermissions(temp, FileModes.fromBits(entry.getMode()));
    }

    /** Flushes {@code path} (a file or a directory) to disk. */
    static void fsync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Waits until every queued task is done.
     *
     * @throws IOException the first failure, if any
     */
    void awaitAll() throws IOException, InterruptedException {
        slots.acquire(MAX_PENDING);
        slots.release(MAX_PENDING);
        rethrow();
    }

    private void rethrow() throws IOException {
        IOException first = failure.get();
        if (first != null) {
            throw first;
        }
    }

    /** Stops the threads, waiting briefly for running tasks, so nothing touches the files afterwards. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
