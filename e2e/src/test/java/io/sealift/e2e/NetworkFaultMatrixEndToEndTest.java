package io.sealift.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.e2e.rig.MigrationRig;
import io.sealift.testsupport.Await;
import io.sealift.testsupport.faults.FaultyProxy;
import io.sealift.testsupport.faults.Link;
import io.sealift.testsupport.process.SealiftPrograms;
import io.sealift.testsupport.trees.TreeComparison;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network fault matrix, with real processes: for each agent's link to the control plane (the
 * source's carries its control stream and the relay's sending leg, the target's the receiving
 * leg), each fault at about 40 % of a migration: a cut; a stall past the deadline, then
 * released; a stall past the deadline, then cut; a stall of the relay leg alone, then released;
 * and latency plus a bandwidth cap for the whole
 * run. Every job must end {@code succeeded} and byte-identical, and every stall must take the
 * job out of its stalled session within {@link #STALL_DEADLINE} plus {@link #GRACE}.
 *
 * <p>The deadlines: the control plane closes a control stream silent for 3 heartbeat intervals
 * (3 × 5 s), checked once per interval, so at most {@link #STALL_DEADLINE} (20 s) after a stall of
 * the whole link the agent is offline and its running session ends as {@code AGENT_OFFLINE}. A
 * stall of the relay leg alone (the data's direction stalls after 1 MiB more on each connection,
 * which the control stream's few bytes never reach) leaves the agent online; the agent's
 * keepalive (a ping after 30 s without a read, 10 s for its answer) fails the relay connection,
 * so within {@link #RELAY_STALL_DEADLINE} (40 s) the agent reports {@code CONNECTION_LOST}. The
 * grace covers the polling and a loaded machine. One rig per link; each scenario is a new job into an emptied landing directory.
 * Runs only in the longer test profile (about 5 minutes).
 */
class NetworkFaultMatrixEndToEndTest {
    static final Duration STALL_DEADLINE = Duration.ofSeconds(20);
    static final Duration RELAY_STALL_DEADLINE = Duration.ofSeconds(40);
    static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);
    /** Caps the data's direction while a fault is set up, so that 40 % is reached mid-transfer. */
    private static final long DATA_BYTES_PER_SECOND = 8L << 20;
    private static final Set<String> FINAL_STATES = Set.of("succeeded", "succeeded_with_errors", "failed", "cancelled");

    @TempDir
    Path work;

    @Test
    void theSourcesLink_survivesEveryFault() throws IOException {
        runMatrix(MigrationRig::source, FaultyProxy::toServer);
    }

    @Test
    void theTargetsLink_survivesEveryFault() throws IOException {
        runMatrix(MigrationRig::target, FaultyProxy::toClient);
    }

    private void runMatrix(Function<MigrationRig, MigrationRig.Agent> agent, Function<FaultyProxy, Link> dataDirection)
            throws IOException {
        Path source = TestTrees.write(work.resolve("source"), 23, 3, 12 << 20, 40);
        Path landing = work.resolve("landing");
        try (MigrationRig rig = MigrationRig.start(new MigrationRig.Setup(SealiftPrograms.locate(), work.resolve("run"),
                source, landing, Map.of(), Map.of(), step -> { }).withProxies())) {
            FaultyProxy proxy = agent.apply(rig).proxy();
            Scenario scenario = new Scenario(rig, proxy, dataDirection.apply(proxy), source, landing);
            scenario.run("cut", true, () -> proxy.cutAll());
            scenario.run("stall, then release", true, () -> {
                scenario.stallAndAwaitDetection();
                proxy.clearFaults();
            });
            scenario.run("stall, then cut", true, () -> {
                scenario.stallAndAwaitDetection();
                proxy.cutAll();
                proxy.clearFaults();
            });
            scenario.run("the relay leg stalls, the control stream lives", true, () -> {
                scenario.stallRelayLegAndAwaitDetection();
                proxy.clearFaults();
            });
            scenario.run("latency and a bandwidth cap", false, () -> {
                proxy.toServer().latency(Duration.ofMillis(2)).bandwidth(4L << 20);
                proxy.toClient().latency(Duration.ofMillis(2)).bandwidth(4L << 20);
            });
        }
    }

    /** One link's scenarios, run one after the other on one rig. */
    private static final class Scenario {
        private final MigrationRig rig;
        private final FaultyProxy proxy;
        private final Link data;
        private final Path source;
        private final Path landing;
        private final long total;
        private String jobId;
        private JobTimeline timeline;

        Scenario(MigrationRig rig, FaultyProxy proxy, Link data, Path source, Path landing) {
            this.rig = rig;
            this.proxy = proxy;
            this.data = data;
            this.source = source;
            this.landing = landing;
            this.total = TreeComparison.summarize(source).bytes();
        }

        /**
         * Runs a new job into an empty landing directory, applies {@code fault} at 40 % (or at
         * once, when {@code midway} is false), and checks the job ends identical; a fault at
         * 40 % must cost a new session.
         */
        void run(String name, boolean midway, Runnable fault) {
            TestTrees.delete(landing);
            data.bandwidth(DATA_BYTES_PER_SECOND);
            jobId = rig.createJob().get("id").asText();
            timeline = new JobTimeline(name);
            if (midway) {
                Await.until(name + ": the job 40 % done", JOB_TIMEOUT, () -> {
                    JsonNode job = rig.job(jobId);
                    timeline.accept(job);
                    assertEquals("running", job.get("state").asText(), name + ": the job left running early: " + job);
                    return job.get("progress").get("bytesDone").asLong() >= total * 4 / 10;
                });
            }
            fault.run();
            JsonNode finished = rig.awaitFinished(jobId, JOB_TIMEOUT, Duration.ofMillis(500), timeline);
            proxy.clearFaults();
            data.unlimitedBandwidth();
            proxy.toServer().latency(Duration.ZERO).unlimitedBandwidth();
            proxy.toClient().latency(Duration.ZERO).unlimitedBandwidth();
            assertEquals("succeeded", finished.get("state").asText(), name + ": " + finished);
            if (midway) {
                assertTrue(finished.get("attempt").asInt() >= 2, name + ": the job resumed in a new session: " + finished);
            }
            assertEquals(List.of(), TreeComparison.differences(source, landing), name);
        }

        /**
         * Stalls both directions of the link and waits until the job leaves the stalled session
         * (queued for a retry, or a later attempt), failing if that takes longer than the
         * deadline plus the grace.
         */
        void stallAndAwaitDetection() {
            awaitDetection(STALL_DEADLINE, () -> {
                proxy.toServer().stall();
                proxy.toClient().stall();
            });
        }

        /**
         * Stalls the data's direction of every connection of the link after 1 MiB more, which
         * only a relay connection reaches, and waits as {@link #stallAndAwaitDetection()} does,
         * checking the agent stayed online.
         */
        void stallRelayLegAndAwaitDetection() {
            JsonNode left = awaitDetection(RELAY_STALL_DEADLINE, () -> data.stallAfter(1 << 20));
            assertEquals("CONNECTION_LOST", left.path("error").path("code").asText(),
                    "the agent, still online, reports the lost relay leg: " + left);
        }

        private JsonNode awaitDetection(Duration deadline, Runnable stall) {
            int attempt = rig.job(jobId).get("attempt").asInt();
            long stalledAt = System.nanoTime();
            stall.run();
            Duration bound = deadline.plus(GRACE);
            JsonNode left = Await.value("the stalled session ended within " + bound, bound, () -> {
                JsonNode job = rig.job(jobId);
                timeline.accept(job);
                boolean moved = !"running".equals(job.get("state").asText()) || job.get("attempt").asInt() > attempt;
                return moved ? job : null;
            });
            Duration detected = Duration.ofNanos(System.nanoTime() - stalledAt);
            assertTrue(!FINAL_STATES.contains(left.get("state").asText()) || "succeeded".equals(left.get("state").asText()),
                    "a stall fails the job only retriably: " + left);
            System.out.println("stall detected after " + detected.toMillis() + " ms: " + left.get("state").asText()
                    + " " + left.path("error").path("code").asText());
            return left;
        }
    }
}
