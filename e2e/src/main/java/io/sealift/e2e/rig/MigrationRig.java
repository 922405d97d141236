package io.sealift.e2e.rig;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.testsupport.Await;
import io.sealift.testsupport.FreePorts;
import io.sealift.testsupport.process.AgentProcess;
import io.sealift.testsupport.process.ControlPlaneProcess;
import io.sealift.testsupport.process.RestClient;
import io.sealift.testsupport.process.SealiftPrograms;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A control plane and two agents on this host, set up as a customer would: a tenant, one
 * enrollment token per agent, and each agent's identity fingerprint pinned on the other, taken
 * from the agent's own {@code status --json} (never from the control plane's API). The source
 * agent declares endpoint {@value #SOURCE_ENDPOINT}, the target agent {@value #TARGET_ENDPOINT}.
 *
 * <p>Shared by the demo and the end-to-end tests; everything goes through the built launchers,
 * the REST API and the agent CLI. Not thread-safe. {@link #close()} stops every process.
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

    /** One agent of the rig: its process, id and identity fingerprint. */
    public record Agent(String name, AgentProcess process, String id, String fingerprint) {
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
     */
    public record Setup(SealiftPrograms programs, Path work, Path sourceDir, Path targetDir,
            Map<String, String> controlPlaneEnvironment, Map<String, String> agentEnvironment,
            Consumer<String> progress) {
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
        ControlPlaneProcess controlPlane = ControlPlaneProcess.start(setup.programs(),
                setup.work().resolve("control-plane"), FreePorts.next(), FreePorts.next(),
                setup.work().resolve("control-plane.log"), setup.controlPlaneEnvironment());
        AgentProcess alpha = null;
        AgentProcess beta = null;
        try {
            String ca = controlPlane.caFingerprint();
            say.accept("Control plane up: agent gRPC on " + controlPlane.grpcAddress() + " (mutual TLS), CA " + ca);
            RestClient admin = controlPlane.adminApi();
            String tenant = admin.post("/api/v1/tenants", Map.of("name", "demo")).expect(201).get("id").asText();
            say.accept("Created tenant " + tenant + " with the bootstrap platform-admin token");

            alpha = AgentProcess.create(setup.programs(), setup.work().resolve("agent-alpha"),
                    controlPlane.grpcAddress(), ca, "").withEnvironment(setup.agentEnvironment());
            beta = AgentProcess.create(setup.programs(), setup.work().resolve("agent-beta"),
                    controlPlane.grpcAddress(), ca, "").withEnvironment(setup.agentEnvironment());
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
            Agent source = run(admin, tenant, alpha, "alpha", alphaStatus, say);
            Agent target = run(admin, tenant, beta, "beta", betaStatus, say);
            return new MigrationRig(controlPlane, admin, tenant, source, target);
        } catch (RuntimeException | Error e) {
            for (AgentProcess agent : new AgentProcess[] {alpha, beta}) {
                if (agent != null) {
                    agent.close();
                }
            }
            controlPlane.close();
            throw e;
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
            Consumer<String> say) {
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
        return new Agent(name, agent, id, status.get("fingerprint").asText());
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
    }
}
