package io.sealift.e2e.rig;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.testsupport.Await;
import io.sealift.testsupport.FreePorts;
import io.sealift.testsupport.faults.FaultyProxy;
import io.sealift.testsupport.process.AgentProcess;
import io.sealift.testsupport.process.ControlPlaneProcess;
import io.sealift.testsupport.process.RestClient;
import io.sealift.testsupport.process.SealiftPrograms;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A control plane and two agents on this host, set up as a customer would: a tenant, one
 * enrollment token per agent, and each agent's identity fingerprint pinned on the other, taken
 * from the agent's own {@code status --json} (never from the control plane's API). The source
 * agent declares endpoint {@value #SOURCE_ENDPOINT}, the target agent {@value #TARGET_ENDPOINT}.
 *
 * <p>With {@link Setup#withProxies()}, each agent dials the control plane's gRPC port through a
 * {@link FaultyProxy} of its own ({@link Agent#proxy()}): everything an agent sends or receives
 * (enrollment, its control stream, the connection of each of its relay transfers) crosses its
 * proxy, so faults on the source's proxy hit the source↔control plane link and the relay's
 * sending leg, and faults on the target's proxy the receiving leg. A proxy forwards to a fixed
 * port, so the control plane can be killed and restarted under it.
 *
 * <p>Shared by the demo and the end-to-end tests; everything goes through the built launchers,
 * the REST API and the agent CLI. Not thread-safe. {@link #close()} stops every process and
 * closes the proxies.
 */
public final class MigrationRig implements AutoCloseable {
    /** The source agent's endpoint name. */
    public static final String SOURCE_ENDPOINT = "hr-share";
    /** The target agent's endpoint name. */
    public static final String TARGET_ENDPOINT = "landing";

    private static final Duration ONLINE = Duration.ofSeconds(60);
    private static final Set<String> FINAL_STATES = Set.of("succeeded", "succeeded_with_errors", "failed", "cancelled");

    private final ControlPlaneProcess controlPlane;
    private final RestClient admin;
    private final String tenant;
    private final Agent source;
    private final Agent target;

    /**
     * One agent of the rig: its process, id and identity fingerprint, and the proxy it reaches
     * the control plane through, if the rig has proxies.
     */
    public record Agent(String name, AgentProcess process, String id, String fingerprint,
            Optional<FaultyProxy> link) {
        /** An agent that dials the control plane directly. */
        public Agent(String name, AgentProcess process, String id, String fingerprint) {
            this(name, process, id, fingerprint, Optional.empty());
        }

        /**
         * Returns the proxy between this agent and the control plane.
         *
         * @throws IllegalStateException if the rig was set up without proxies
         */
        public FaultyProxy proxy() {
            return link.orElseThrow(() -> new IllegalStateException(
                    "agent " + name + " dials the control plane directly; set the rig up withProxies()"));
        }
    }

    /**
     * What to run and where.
     *
     * @param programs the installations to run
     * @param work the directory everything is written to
     * @param sourceDir the tree to send
     * @param targetDir where it lands (must be absent or empty)
     * @param controlPlaneEnvironment variables for the control plane (JAVA_OPTS, say)
     * @param agentEnvironment variables for both agents
     * @param progress told of each step, for a demo to print; may ignore them
     * @param proxies whether each agent dials the control plane through a {@link FaultyProxy}
     */
    public record Setup(SealiftPrograms programs, Path work, Path sourceDir, Path targetDir,
            Map<String, String> controlPlaneEnvironment, Map<String, String> agentEnvironment,
            Consumer<String> progress, boolean proxies) {
        /** What to run and where, with the agents dialing the control plane directly. */
        public Setup(SealiftPrograms programs, Path work, Path sourceDir, Path targetDir,
                Map<String, String> controlPlaneEnvironment, Map<String, String> agentEnvironment,
                Consumer<String> progress) {
            this(programs, work, sourceDir, targetDir, controlPlaneEnvironment, agentEnvironment, progress, false);
        }

        /** Returns this setup with a {@link FaultyProxy} between each agent and the control plane. */
        public Setup withProxies() {
            return new Setup(programs, work, sourceDir, targetDir, controlPlaneEnvironment, agentEnvironment,
                    progress, true);
        }
    }

    private MigrationRig(ControlPlaneProcess controlPlane, RestClient admin, String tenant, Agent source,
            Agent target) {
        this.controlPlane = controlPlane;
        this.admin = admin;
        this.tenant = tenant;
        this.source = source;
        this.target = target;
    }

    /** Starts the control plane, enrolls, pins and starts both agents, and waits until both are online. */
    public static MigrationRig start(Setup setup) {
        Consumer<String> say = setup.progress();
        say.accept("Starting the control plane (embedded H2 store in " + setup.work().resolve("control-plane") + ")");
        int grpcPort = FreePorts.next();
        ControlPlaneProcess controlPlane = ControlPlaneProcess.start(setup.programs(),
                setup.work().resolve("control-plane"), FreePorts.next(), grpcPort,
                setup.work().resolve("control-plane.log"), setup.controlPlaneEnvironment());
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            String ca = controlPlane.caFingerprint();
            say.accept("Control plane up: agent gRPC on " + controlPlane.grpcAddress() + " (mutual TLS), CA " + ca);
            RestClient admin = controlPlane.adminApi();
            String tenant = admin.post("/api/v1/tenants", Map.of("name", "demo")).expect(201).get("id").asText();
            say.accept("Created tenant " + tenant + " with the bootstrap platform-admin token");

            Optional<FaultyProxy> alphaLink = proxy(setup, grpcPort, "alpha", opened, say);
            Optional<FaultyProxy> betaLink = proxy(setup, grpcPort, "beta", opened, say);
            AgentProcess alpha = agentProcess(setup, "alpha", alphaLink, controlPlane, ca, opened);
            AgentProcess beta = agentProcess(setup, "beta", betaLink, controlPlane, ca, opened);
            JsonNode alphaStatus = enroll(admin, tenant, alpha, "alpha", say);
            JsonNode betaStatus = enroll(admin, tenant, beta, "beta", say);
            String alphaFingerprint = alphaStatus.get("fingerprint").asText();
            String betaFingerprint = betaStatus.get("fingerprint").asText();

            say.accept("Declaring endpoints and pinning fingerprints from each agent's own `status --json`:"
                    + " alpha sends '" + SOURCE_ENDPOINT + "' only to " + betaFingerprint
                    + "; beta accepts '" + TARGET_ENDPOINT + "' only from " + alphaFingerprint);
            alpha.writeConfig("sources:\n"
                    + "  " + SOURCE_ENDPOINT + ":\n"
                    + "    path: " + yamlString(setup.sourceDir().toAbsolutePath().toString()) + "\n"
                    + "    recipients: [\"" + betaFingerprint + "\"]\n");
            beta.writeConfig("targets:\n"
                    + "  " + TARGET_ENDPOINT + ":\n"
                    + "    path: " + yamlString(setup.targetDir().toAbsolutePath().toString()) + "\n"
                    + "    senders: [\"" + alphaFingerprint + "\"]\n");
            Agent source = run(admin, tenant, alpha, "alpha", alphaStatus, alphaLink, say);
            Agent target = run(admin, tenant, beta, "beta", betaStatus, betaLink, say);
            return new MigrationRig(controlPlane, admin, tenant, source, target);
        } catch (RuntimeException | Error e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                closeQuietly(opened.get(i), e);
            }
            controlPlane.close();
            throw e;
        }
    }

    private static Optional<FaultyProxy> proxy(Setup setup, int grpcPort, String name, List<AutoCloseable> opened,
            Consumer<String> say) {
        if (!setup.proxies()) {
            return Optional.empty();
        }
        FaultyProxy proxy = FaultyProxy.start("127.0.0.1", grpcPort);
        opened.add(proxy);
        say.accept("Agent " + name + " reaches the control plane through " + proxy);
        return Optional.of(proxy);
    }

    private static AgentProcess agentProcess(Setup setup, String name, Optional<FaultyProxy> link,
            ControlPlaneProcess controlPlane, String ca, List<AutoCloseable> opened) {
        String address = link.map(FaultyProxy::address).orElse(controlPlane.grpcAddress());
        AgentProcess agent = AgentProcess.create(setup.programs(), setup.work().resolve("agent-" + name), address, ca,
                "").withEnvironment(setup.agentEnvironment());
        opened.add(agent);
        return agent;
    }

    private static void closeQuietly(AutoCloseable resource, Throwable failure) {
        try {
            resource.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    private static JsonNode enroll(RestClient admin, String tenant, AgentProcess agent, String name,
            Consumer<String> say) {
        String token = admin.post("/api/v1/tenants/" + tenant + "/enrollment-tokens", Map.of("ttlSeconds", 900))
                .expect(201).get("token").asText();
        AgentProcess.Result enrolled = agent.enroll(token, "--name", name);
        if (enrolled.exitCode() != 0) {
            throw new IllegalStateException("enrollment of " + name + " failed:\n" + enrolled.output());
        }
        JsonNode status = agent.statusJson();
        say.accept("Enrolled agent " + name + ": id " + status.get("agentId").asText() + ", fingerprint "
                + status.get("fingerprint").asText());
        return status;
    }

    private static Agent run(RestClient admin, String tenant, AgentProcess agent, String name, JsonNode status,
            Optional<FaultyProxy> link, Consumer<String> say) {
        agent.start();
        String id = status.get("agentId").asText();
        Await.until("agent " + name + " online", ONLINE, () -> {
            if (!agent.isRunning()) {
                throw new AssertionError("agent " + name + " exited:\n" + agent.output());
            }
            return "online".equals(admin.get("/api/v1/tenants/" + tenant + "/agents/" + id).expect(200)
                    .get("status").asText());
        });
        say.accept("Agent " + name + " is running and online");
        return new Agent(name, agent, id, status.get("fingerprint").asText(), link);
    }

    private static String yamlString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Creates the job source → target and returns its JSON (201). */
    public JsonNode createJob() {
        return admin.post("/api/v1/tenants/" + tenant + "/jobs", Map.of(
                "source", Map.of("agent", source.id(), "endpoint", SOURCE_ENDPOINT),
                "target", Map.of("agent", target.id(), "endpoint", TARGET_ENDPOINT))).expect(201);
    }

    /** Returns the job's current JSON. */
    public JsonNode job(String id) {
        return admin.get("/api/v1/tenants/" + tenant + "/jobs/" + id).expect(200);
    }

    /**
     * Polls the job every {@code poll} until it reaches a final state, handing each reading to
     * {@code onReading}; fails after {@code timeout}.
     */
    public JsonNode awaitFinished(String id, Duration timeout, Duration poll, Consumer<JsonNode> onReading) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = job(id);
            onReading.accept(job);
            if (FINAL_STATES.contains(job.get("state").asText())) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " did not finish within " + timeout + ": " + job
                        + "\nsource agent:\n" + tail(source.process().output())
                        + "\ntarget agent:\n" + tail(target.process().output()));
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for job " + id, e);
            }
        }
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Returns the control plane. */
    public ControlPlaneProcess controlPlane() {
        return controlPlane;
    }

    /** Returns an admin REST client. */
    public RestClient admin() {
        return admin;
    }

    /** Returns the tenant id. */
    public String tenant() {
        return tenant;
    }

    /** Returns the source agent. */
    public Agent source() {
        return source;
    }

    /** Returns the target agent. */
    public Agent target() {
        return target;
    }

    @Override
    public void close() {
        source.process().close();
        target.process().close();
        controlPlane.close();
        source.link().ifPresent(FaultyProxy::close);
        target.link().ifPresent(FaultyProxy::close);
    }
}
