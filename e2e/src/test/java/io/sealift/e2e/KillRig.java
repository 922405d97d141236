package io.sealift.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.e2e.rig.MigrationRig;
import io.sealift.testsupport.Await;
import io.sealift.testsupport.ClasspathJars;
import io.sealift.testsupport.faults.KillSwitch;
import io.sealift.testsupport.faults.Trigger;
import io.sealift.testsupport.process.SealiftPrograms;
import io.sealift.testsupport.trees.TreeComparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The rig of the kill tests: a control plane and two agents as real processes, migrating a
 * 200-file tree with a few large files (about 147 MiB) while one of them is SIGKILLed at a chosen
 * point and started again. Each run is a new job into an emptied target; the rig stays up between
 * runs.
 *
 * <p>Two test hooks, each on one kind of process's classpath only: the control plane's
 * {@code RecordingRelayTap}, told to append only each forwarded payload's header (job, session,
 * direction, length), so the bytes the relay forwarded per job and session can be added up; and
 * the agents' {@code PausingCommitProbe}, which a run arms to freeze the receiver's commit before
 * a chosen rename (after the files were fsynced and the journal flushed).
 *
 * <p>Progress is measured where it is made: the bytes in the target directory (temporary files
 * included), polled every 10 ms, against the tree's size.
 */
final class KillRig implements AutoCloseable {
    /** How long a job may take, kill and restart included. */
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
    /** The receiver's journal interval (verified bytes between checkpoints), the agents' default. */
    static final long JOURNAL_INTERVAL = 4L << 20;
    /** The largest segment of a file record. */
    static final long SEGMENT = 64L << 10;
    /**
     * What may be in flight between the sender's reads and the receiver's verification: two HTTP/2
     * stream windows (agent to relay, relay to agent), each at most 8 MiB under gRPC's automatic
     * flow-control tuning, plus the agents' and the relay's own buffers (a few 256 KiB frames).
     */
    static final long WINDOW = 2 * (8L << 20) + (1L << 20);
    /**
     * The bytes a session forwards besides file content, generously: the signed header, the
     * manifest and file-record marks of 200 files, the trailer, the frames' tags and the zero
     * padding of the last frame (up to one 256 KiB frame).
     */
    static final long SESSION_OVERHEAD = 1L << 20;

    private static final String TEMP_PREFIX = ".sealift-tmp-";
    private static final String RELAY_RECORDER = "io/sealift/control/testing/RecordingRelayTap.class";
    private static final String COMMIT_PROBE = "io/sealift/agent/testing/PausingCommitProbe.class";
    private static final int LARGE_FILES = 3;
    private static final int LARGE_BYTES = 48 << 20;

    private final MigrationRig rig;
    private final Path source;
    private final Path landing;
    private final Path frames;
    private final Path arm;
    private final long treeBytes;

    /** Who is killed. */
    enum Victim { SENDER, RECEIVER, CONTROL_PLANE }

    /**
     * What one run measured.
     *
     * @param job the job's JSON once finished
     * @param partialAtKill files under a final name that were not the original's, right after the kill
     * @param finalNamesAtKill regular files under a final name right after the kill
     * @param treeBytes the content bytes of the tree
     * @param forwarded the payload bytes the relay forwarded to the receiver, over all sessions of the job
     * @param sessions the sessions of the job that forwarded anything
     * @param differences how the target differs from the source at the end
     */
    record Outcome(JsonNode job, List<String> partialAtKill, long finalNamesAtKill, long treeBytes, long forwarded,
            int sessions, List<String> differences) {

        /** Returns the bytes forwarded beyond one copy of the tree's content. */
        long resent() {
            return forwarded - treeBytes;
        }

        /** Returns the most {@link #resent()} may be after one interruption. */
        long bound() {
            return sessions * SESSION_OVERHEAD + JOURNAL_INTERVAL + SEGMENT + WINDOW;
        }

        /** Asserts everything a kill test promises of a run. */
        void assertResumedIdentical() {
            assertEquals(List.of(), partialAtKill, "nothing partial under a final name after the kill");
            assertEquals("succeeded", job.get("state").asText(), job.toString());
            assertTrue(job.get("attempt").asInt() >= 2, "the job resumed in a new session: " + job);
            assertEquals(List.of(), differences, "the target is identical to the source");
            assertTrue(resent() <= bound(), "re-sent " + resent() + " bytes over " + sessions
                    + " sessions; the bound is " + bound());
        }

        @Override
        public String toString() {
            return "attempts " + job.get("attempt").asInt() + ", sessions forwarding " + sessions + ", re-sent "
                    + resent() / 1024 + " KiB (bound " + bound() / 1024 + " KiB), files under final names at the kill "
                    + finalNamesAtKill;
        }
    }

    private KillRig(MigrationRig rig, Path source, Path landing, Path frames, Path arm) {
        this.rig = rig;
        this.source = source;
        this.landing = landing;
        this.frames = frames;
        this.arm = arm;
        this.treeBytes = TreeComparison.summarize(source).bytes();
    }

    /** Generates the tree and starts the processes, in {@code work}. */
    static KillRig start(Path work) throws IOException {
        Path source = TestTrees.write(work.resolve("source"), 3, LARGE_FILES, LARGE_BYTES, 200 - LARGE_FILES);
        Path frames = work.resolve("relay-frames.bin");
        Path arm = work.resolve("pause-before-rename");
        SealiftPrograms programs = SealiftPrograms.locate().withExtraJars(work.resolve("programs"),
                List.of(ClasspathJars.jarHolding(RELAY_RECORDER)), List.of(ClasspathJars.jarHolding(COMMIT_PROBE)));
        Path landing = work.resolve("landing");
        MigrationRig rig = MigrationRig.start(new MigrationRig.Setup(programs, work.resolve("run"), source, landing,
                Map.of("JAVA_OPTS", "-Xmx256m -Dsealift.test.relay-recording=" + frames
                        + " -Dsealift.test.relay-recording.payloads=false -Dsealift.jobs.retry-backoff=1s"),
                Map.of("JAVA_OPTS", "-Xmx256m -Dsealift.test.pause-before-rename=" + arm), step -> { }));
        return new KillRig(rig, source, landing, frames, arm);
    }

    /** Migrates the tree, SIGKILLing {@code victim} once the target holds {@code fraction} of its bytes. */
    Outcome killAt(Victim victim, double fraction) throws IOException {
        String id = newJob();
        Trigger progress = Trigger.atLeast("bytes in the target", () -> bytesIn(landing), fraction * treeBytes);
        try (KillSwitch kill = KillSwitch.when(progress).pollEvery(Duration.ofMillis(10))
                .run("SIGKILL the " + victim, () -> kill(victim))) {
            kill.awaitFired(JOB_TIMEOUT);
        }
        return resume(id, victim);
    }

    /**
     * Migrates the tree, SIGKILLing the receiver in its commit, between fsync and rename: just before
     * rename {@code index} (0: before the first).
     */
    Outcome killBeforeRename(int index) throws IOException {
        String id = newJob();
        Path paused = Path.of(arm + ".paused");
        Files.deleteIfExists(paused);
        Files.writeString(arm, Integer.toString(index));
        Await.until("the receiver paused before rename " + index, JOB_TIMEOUT, () -> {
            JsonNode job = rig.job(id);
            assertEquals("running", job.get("state").asText(), "the job ended before the pause: " + job);
            return Files.exists(paused);
        });
        kill(Victim.RECEIVER);
        return resume(id, Victim.RECEIVER);
    }

    /** Returns the tree's content bytes. */
    long treeBytes() {
        return treeBytes;
    }

    private String newJob() throws IOException {
        TestTrees.delete(landing);
        Files.deleteIfExists(arm);
        return rig.createJob().get("id").asText();
    }

    private Outcome resume(String id, Victim victim) {
        List<String> partial = TreeComparison.partialUnderFinalNames(source, landing, TEMP_PREFIX);
        long finalNames = finalNames(landing);
        restart(victim);
        JsonNode finished = rig.awaitFinished(id, JOB_TIMEOUT, Duration.ofMillis(200), reading -> { });
        long[] forwarded = forwarded(UUID.fromString(id));
        return new Outcome(finished, partial, finalNames, treeBytes, forwarded[0], (int) forwarded[1],
                TreeComparison.differences(source, landing));
    }

    private void kill(Victim victim) {
        switch (victim) {
            case SENDER -> rig.source().process().kill();
            case RECEIVER -> rig.target().process().kill();
            case CONTROL_PLANE -> rig.controlPlane().kill();
            default -> throw new IllegalArgumentException(victim.toString());
        }
    }

    private void restart(Victim victim) {
        switch (victim) {
            case SENDER -> rig.source().process().start();
            case RECEIVER -> rig.target().process().start();
            case CONTROL_PLANE -> rig.controlPlane().restart();
            default -> throw new IllegalArgumentException(victim.toString());
        }
    }

    /** Adds up the source-to-target payload bytes of job {@code id}: {total, sessions}. */
    private long[] forwarded(UUID id) {
        List<RelayRecording.Payload> payloads = RelayRecording.read(frames).stream()
                .filter(payload -> payload.toTargetOf(id)).toList();
        return new long[] {payloads.stream().mapToLong(RelayRecording.Payload::length).sum(),
                payloads.stream().map(RelayRecording.Payload::session).distinct().count()};
    }

    /** Returns the bytes of every regular file under {@code root}, tolerating files that vanish meanwhile. */
    private static double bytesIn(Path root) {
        long[] bytes = new long[1];
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    bytes[0] += attributes.isRegularFile() ? attributes.size() : 0;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes[0];
    }

    private static long finalNames(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith(TEMP_PREFIX)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        rig.close();
    }
}
