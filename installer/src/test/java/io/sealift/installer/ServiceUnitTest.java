package io.sealift.installer;

import io.sealift.testsupport.systemd.SystemdAnalyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracked unit file {@code installer/sealift-agent.service}: hardened as the issue asks and
 * scored by {@code systemd-analyze security}, alone and with a generated path drop-in.
 * {@code systemd-analyze verify} needs the installed binary, so it runs on a staged install in
 * packaging/agent ({@code StagedInstallIT}).
 */
class ServiceUnitTest {
    private static final Path UNIT = Path.of("sealift-agent.service");
    private static final double MAX_EXPOSURE = 2.0;

    @TempDir
    Path root;

    @Test
    void exposureScore_isAtMost2_withNoIgnoredKeys() throws IOException {
        stage(UNIT, "etc/systemd/system/sealift-agent.service");
        SystemdAnalyze.Result result = SystemdAnalyze.security(root, "sealift-agent.service");
        assertEquals(List.of(), result.warnings(), result.output());
        assertTrue(result.exposure() <= MAX_EXPOSURE, "exposure " + result.exposure() + "\n" + result.output());
    }

    @Test
    void exposureScore_staysAtMost2_withAGeneratedPathsDropIn() throws IOException {
        stage(UNIT, "etc/systemd/system/sealift-agent.service");
        Path config = root.resolve("etc/sealift/agent.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "sources:\n  docs: {path: /home/alice/docs}\ntargets:\n  inbox: {path: /srv/my inbox}\n");
        assertEquals(0, PathsDropInMain.run(List.of("--root", root.toString()), System.out, System.err));

        SystemdAnalyze.Result result = SystemdAnalyze.security(root, "sealift-agent.service");
        assertEquals(List.of(), result.warnings(), result.output());
        assertTrue(result.exposure() <= MAX_EXPOSURE, "exposure " + result.exposure() + "\n" + result.output());
    }

    @Test
    void unit_runsTheAgentAsAServiceUserWithTheHardeningTheIssueAsksFor() throws IOException {
        List<String> lines = Files.readAllLines(UNIT).stream().filter(l -> !l.startsWith("#")).toList();
        for (String required : List.of("Type=simple", "User=sealift", "Group=sealift",
                "ExecStart=/opt/sealift-agent/bin/sealift-agent run --service --config /etc/sealift/agent.yaml",
                "CapabilityBoundingSet=", "AmbientCapabilities=", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "StateDirectory=sealift-agent", "PrivateTmp=yes", "UMask=0077", "SystemCallFilter=@system-service",
                "Restart=on-failure")) {
            assertTrue(lines.contains(required), "missing " + required);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RestrictAddressFamilies=")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RestartSec=")));
    }

    @Test
    void unit_leavesOutWhatWouldBreakTheJvmOrTheAgentsJob() throws IOException {
        List<String> lines = Files.readAllLines(UNIT).stream().filter(l -> !l.startsWith("#")).toList();
        for (String forbidden : List.of("MemoryDenyWriteExecute=", "PrivateUsers=", "ProtectHome=", "IPAddressDeny=",
                "PrivateNetwork=", "DynamicUser=")) {
            assertFalse(lines.stream().anyMatch(l -> l.startsWith(forbidden)), "unit must not set " + forbidden);
        }
    }

    private void stage(Path file, String relative) throws IOException {
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
    }
}
