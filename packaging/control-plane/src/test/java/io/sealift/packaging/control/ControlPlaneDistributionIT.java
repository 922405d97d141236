package io.sealift.packaging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.testsupport.FreePorts;
import io.sealift.testsupport.TestHookScan;
import io.sealift.testsupport.process.AgentProcess;
import io.sealift.testsupport.process.ControlPlaneProcess;
import io.sealift.testsupport.process.RestClient;
import io.sealift.testsupport.process.SealiftPrograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both distributions on their own jlink runtimes, with no usable JAVA_HOME: the control plane
 * starts (H2, Flyway, REST, its CA and gRPC over TLS) and an agent from the agent tarball
 * enrolls with it over TLS.
 */
class ControlPlaneDistributionIT {
    @TempDir
    Path work;

    @Test
    void controlPlaneOnItsRuntime_servesRest_andEnrollsAnAgentRunningOnItsRuntime() throws Exception {
        Path controlHome = extract(Dists.controlTarball(), "sealift-control-" + Dists.version());
        Path agentHome = extract(Dists.agentTarball(), "sealift-agent-" + Dists.version());
        assertTrue(Files.isExecutable(controlHome.resolve("runtime/bin/java")));
        TestHookScan.Result scan = TestHookScan.scan(List.of(controlHome.resolve("lib")));
        assertTrue(scan.jars() > 10, "found only " + scan.jars() + " jars");
        assertEquals(List.of(), scan.hooks(), "the control-plane distribution holds no test hook");
        SealiftPrograms programs = new SealiftPrograms(controlHome, agentHome);
        Map<String, String> noJdk = Map.of("JAVA_HOME", "/nonexistent-jdk");

        try (ControlPlaneProcess controlPlane = ControlPlaneProcess.start(programs, work.resolve("cp-data"),
                FreePorts.next(), FreePorts.next(), work.resolve("cp.log"), noJdk)) {
            RestClient admin = controlPlane.adminApi();
            String tenant = admin.post("/api/v1/tenants", Map.of("name", "acme")).expect(201).get("id").asText();
            String token = admin.post("/api/v1/tenants/" + tenant + "/enrollment-tokens", Map.of("ttlSeconds", 600))
                    .expect(201).get("token").asText();
            try (AgentProcess agent = AgentProcess.create(programs, work.resolve("agent"), controlPlane.grpcAddress(),
                    controlPlane.caFingerprint(), "sources: {}\ntargets: {}\n")) {
                AgentProcess.Result enrolled = agent.enroll(token, "--name", "dist-agent");
                assertEquals(0, enrolled.exitCode(), enrolled.output() + "\ncontrol plane:\n" + controlPlane.output());
            }
        }
    }

    private Path extract(Path tarball, String name) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder(List.of("tar", "-xzf", tarball.toString(), "-C", work.toString()))
                .inheritIO().start();
        assertEquals(0, tar.waitFor());
        return work.resolve(name);
    }
}
