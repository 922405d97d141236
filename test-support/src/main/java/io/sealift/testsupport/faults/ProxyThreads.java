package io.sealift.testsupport.faults;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon threads of one proxy, tracked so that closing the proxy can stop and join them all.
 *
 * <p>Thread-safe.
 */
final class ProxyThreads {
    private final String prefix;
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();

    ProxyThreads(String prefix) {
        this.prefix = prefix;
    }

    /** Starts {@code task} on a daemon thread named {@code <prefix><name>}. */
    void start(String name, Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                live.remove(Thread.currentThread());
            }
        }, prefix + name);
        thread.setDaemon(true);
        live.add(thread);
        thread.start();
    }

    /** Interrupts every live thread and waits for them, at most {@code timeout} in all. */
    void stopAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        live.forEach(Thread::interrupt);
        for (Thread thread : live) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                thread.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
