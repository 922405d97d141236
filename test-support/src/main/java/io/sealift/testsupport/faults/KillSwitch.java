package io.sealift.testsupport.faults;

import io.sealift.testsupport.process.ChildProcess;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches a {@link Trigger} on a daemon thread and, the first time it fires, does one thing to a
 * process: SIGKILL it, SIGSTOP it, or run any action (such as {@code controlPlane::kill}).
 *
 * <p>Thread-safe. A switch fires at most once. {@link #close()} disarms it if it has not fired
 * and waits for its thread at most {@link #CLOSE_TIMEOUT}. Its thread is named
 * {@code kill-switch-<n>}.
 *
 * <pre>{@code
 * Trigger halfway = Trigger.atLeast("job progress %", () -> progressOf(jobId), 50);
 * try (KillSwitch receiverKill = KillSwitch.when(halfway).pollEvery(Duration.ofMillis(100)).kill(receiver)) {
 *     KillSwitch.Fired fired = receiverKill.awaitFired(Duration.ofMinutes(2));
 *     // restart the receiver, check the job resumes
 * }
 * }</pre>
 */
public final class KillSwitch implements AutoCloseable {
    /** The longest {@link #close()} waits for the watching thread. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** How often a trigger is checked unless {@link Builder#pollEvery(Duration)} says otherwise. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(10);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Trigger trigger;
    private final String action;
    private final Runnable effect;
    private final Duration poll;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread watcher;
    private volatile Fired fired;
    private volatile RuntimeException lastTriggerError;
    private volatile RuntimeException actionError;

    private KillSwitch(Trigger trigger, String action, Runnable effect, Duration poll) {
        this.trigger = trigger;
        this.action = action;
        this.effect = effect;
        this.poll = poll;
        this.watcher = new Thread(this::watch, "kill-switch-" + THREADS.incrementAndGet());
        watcher.setDaemon(true);
    }

    /** Starts arming a switch on {@code trigger}; the builder's action method arms it. */
    public static Builder when(Trigger trigger) {
        return new Builder(trigger);
    }

    /**
     * Waits until the switch has fired and its action finished; returns what fired it.
     *
     * @throws AssertionError if it does not fire within {@code timeout} (with the trigger's last
     *     error as cause), or if the action failed
     */
    public Fired awaitFired(Duration timeout) {
        try {
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                AssertionError error = new AssertionError("kill switch (" + action + ") did not fire within "
                        + timeout + " waiting for " + trigger);
                error.initCause(lastTriggerError);
                throw error;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + trigger, e);
        }
        if (actionError != null) {
            throw new AssertionError("kill switch fired but " + action + " failed", actionError);
        }
        return Optional.ofNullable(fired).orElseThrow(() -> new AssertionError("kill switch closed before firing"));
    }

    /** Returns what fired it, once its action has run; empty before. */
    public Optional<Fired> fired() {
        return Optional.ofNullable(fired);
    }

    /** Disarms it (a no-op once fired) and waits for its thread, at most {@link #CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        watcher.interrupt();
        try {
            watcher.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "KillSwitch[" + action + " when " + trigger + (fired == null ? "" : ", fired") + "]";
    }

    private void watch() {
        try {
            Optional<String> cause = Optional.empty();
            while (cause.isEmpty()) {
                cause = poll();
                if (cause.isEmpty()) {
                    Thread.sleep(poll.toMillis());
                }
            }
            fire(cause.get());
        } catch (InterruptedException e) {
            // Disarmed.
        } finally {
            done.countDown();
        }
    }

    private Optional<String> poll() {
        try {
            return trigger.check();
        } catch (RuntimeException e) {
            lastTriggerError = e;
            return Optional.empty();
        }
    }

    private void fire(String cause) {
        try {
            effect.run();
            fired = new Fired(cause, action);
        } catch (RuntimeException e) {
            actionError = e;
        }
    }

    /**
     * What a switch did and why.
     *
     * @param cause what the trigger reported: the matched log line, the value that crossed
     * @param action what was done, such as {@code SIGKILL sealift-agent run[pid 1234]}
     */
    public record Fired(String cause, String action) {
    }

    /** Chooses how often to poll and what to do; each action method arms and returns the switch. */
    public static final class Builder {
        private final Trigger trigger;
        private Duration poll = DEFAULT_POLL;

        private Builder(Trigger trigger) {
            this.trigger = trigger;
        }

        /** Checks the trigger every {@code interval} (default {@link #DEFAULT_POLL}); use more for REST polls. */
        public Builder pollEvery(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("poll interval " + interval + "; it must be positive");
            }
            this.poll = interval;
            return this;
        }

        /** Arms it to SIGKILL {@code process} and wait until it is gone. */
        public KillSwitch kill(ChildProcess process) {
            return run("SIGKILL " + process, process::kill);
        }

        /** Arms it to SIGSTOP {@code process}; resume with {@link ProcessSignals#resume(long)}. */
        public KillSwitch pause(ChildProcess process) {
            return run("SIGSTOP " + process, () -> ProcessSignals.stop(process.pid()));
        }

        /** Arms it to run {@code action}, named {@code name} in messages (e.g. {@code controlPlane::kill}). */
        public KillSwitch run(String name, Runnable action) {
            KillSwitch killSwitch = new KillSwitch(trigger, name, action, poll);
            killSwitch.watcher.start();
            return killSwitch;
        }
    }
}
