package io.sealift.e2e.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.testsupport.Await;
import io.sealift.testsupport.FreePorts;
import io.sealift.testsupport.process.AgentProcess;
import io.sealift.testsupport.process.ControlPlaneProcess;
import io.sealift.testsupport.process.RestClient;
import io.sealift.testsupport.process.SealiftPrograms;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The README's first command: runs a control plane and two agents on this host, on the embedded
 * defaults, and walks through enrollment as an operator would.
 *
 * <p>Everything goes through the built launchers, the REST API and the agent CLI; nothing here
 * reaches into either program's classes.
 */
public final class DemoMain {
    private static final Duration ONLINE = Duration.ofSeconds(60);

    private final PrintStream out;
    private final Path work;

    private DemoMain(PrintStream out, Path work) {
        this.out = out;
        this.work = work;
    }

    /** Runs the demo in {@code ./.sealift-demo/<time>}; {@code --keep-running} waits for Ctrl-C. */
    public static void main(String[] args) throws Exception {
        boolean keepRunning = List.of(args).contains("--keep-running");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = Path.of(".sealift-demo", stamp).toAbsolutePath();
        Files.createDirectories(work);
        int status = new DemoMain(System.out, work).run(keepRunning);
        System.exit(status);
    }

    private int run(boolean keepRunning) throws InterruptedException {
        SealiftPrograms programs = SealiftPrograms.locate();
        step("Starting the control plane (embedded H2 store, data in " + work.resolve("control-plane") + ")");
        List<AgentProcess> agents = new ArrayList<>();
        try (ControlPlaneProcess controlPlane = ControlPlaneProcess.start(programs, work.resolve("control-plane"),
                FreePorts.next(), FreePorts.next(), work.resolve("control-plane.log"), Map.of())) {
            String ca = controlPlane.caFingerprint();
            out.println("  REST API    " + controlPlane.api().get("/api/v1/ca").status() + " OK on loopback");
            out.println("  agent gRPC  " + controlPlane.grpcAddress() + " (mutual TLS)");
            out.println("  CA          " + ca);
            RestClient admin = controlPlane.adminApi();

            step("Creating tenant 'demo' with the bootstrap platform-admin token");
            String tenant = admin.post("/api/v1/tenants", Map.of("name", "demo")).expect(201).get("id").asText();
            out.println("  tenant " + tenant);

            for (String name : List.of("alpha", "beta")) {
                agents.add(enrollAndRun(programs, controlPlane, admin, tenant, name, ca));
            }

            step("Agents as the control plane sees them (GET /api/v1/tenants/" + tenant + "/agents)");
            for (JsonNode agent : admin.get("/api/v1/tenants/" + tenant + "/agents").expect(200)) {
                out.printf("  %-6s %-36s %-7s %s%n", agent.get("name").asText(), agent.get("id").asText(),
                        agent.get("status").asText(), agent.get("fingerprint").asText());
            }
            if (keepRunning) {
                step("Running; logs in " + work + ". Press Ctrl-C to stop.");
                Thread.currentThread().join();
            }
            step("Stopping the agents and the control plane");
            for (AgentProcess agent : agents) {
                agent.close();
            }
            out.println("Done. Everything the demo wrote is in " + work);
            return 0;
        } catch (RuntimeException | AssertionError e) {
            out.println("demo failed: " + e.getMessage());
            out.println("logs are in " + work);
            return 1;
        } finally {
            agents.forEach(AgentProcess::close);
        }
    }

    private AgentProcess enrollAndRun(SealiftPrograms programs, ControlPlaneProcess controlPlane,
            RestClient admin, String tenant, String name, String ca) {
        step("Enrolling agent '" + name + "' with a single-use enrollment token");
        String token = admin.post("/api/v1/tenants/" + tenant + "/enrollment-tokens", Map.of("ttlSeconds", 900))
                .expect(201).get("token").asText();
        AgentProcess agent = AgentProcess.create(programs, work.resolve("agent-" + name),
                controlPlane.grpcAddress(), ca, "sources: {}\ntargets: {}\n");
        AgentProcess.Result enrolled = agent.enroll(token, "--name", name);
        if (enrolled.exitCode() != 0) {
            throw new IllegalStateException("enrollment of " + name + " failed:\n" + enrolled.output());
        }
        enrolled.output().lines().forEach(line -> out.println("  " + line));
        agent.start();
        String id = new RestClient.Response(200, enrolledJson(agent)).json().get("agentId").asText();
        Await.until("agent " + name + " online", ONLINE, () -> "online".equals(
                admin.get("/api/v1/tenants/" + tenant + "/agents/" + id).expect(200).get("status").asText()));
        out.println("  " + name + " is online");
        return agent;
    }

    private static String enrolledJson(AgentProcess agent) {
        String output = agent.status().output();
        int start = output.indexOf('{');
        return start < 0 ? output : output.substring(start);
    }

    private void step(String message) {
        out.println();
        out.println("==> " + message);
    }
}
