package io.sealift.packaging.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealift.testsupport.TestHookScan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The agent tarball: size, checksums, SBOMs, and a runtime that needs no installed Java. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentTarballIT {
    private static final long MAX_TARBALL_BYTES = 60L * 1024 * 1024;

    private Path work;
    private Path dist;
    private Map<String, String> noJava;

    @BeforeAll
    void extract(@TempDir Path dir) throws IOException {
        work = dir;
        dist = Artifacts.extractTarball(work);
        Path bin = Files.createDirectories(work.resolve("no-java-bin"));
        for (String tool : List.of("dirname", "readlink")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
        }
        // JAVA_HOME unset and no JDK on PATH: only the launcher's helpers.
        noJava = Map.of("PATH", bin.toString(), "LANG", "C.UTF-8");
    }

    @Test
    void tarball_isAtMost60MB() throws IOException {
        long size = Files.size(Artifacts.tarball());
        assertTrue(size <= MAX_TARBALL_BYTES, "tarball is " + size + " bytes");
    }

    @Test
    void agent_printsItsVersion_withNoJavaOnTheHost() {
        assertNotEquals(0, Command.run(List.of("/bin/sh", "-c", "command -v java"), noJava, work).exitCode(),
                "the test environment must not find java");
        Command.Result result = Command.run(List.of(dist.resolve("bin/sealift-agent").toString(), "--version"),
                noJava, work).ok();
        assertEquals("sealift-agent " + Artifacts.version(), result.output().strip());
    }

    @Test
    void agent_readsItsYamlConfig_onTheTrimmedRuntime() throws IOException {
        Path config = writeConfig();
        Command.Result result = Command.run(List.of(dist.resolve("bin/sealift-agent").toString(), "status",
                "--config", config.toString(), "--json"), noJava, work).ok();
        assertTrue(result.output().contains("\"enrolled\" : false"), result.output());
    }

    @Test
    void runAsAService_asRoot_isRefusedUnlessAllowed_onTheTrimmedRuntime() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs to run as root");
        Path config = writeConfig();
        String agent = dist.resolve("bin/sealift-agent").toString();

        Command.Result refused = Command.run(List.of(agent, "run", "--service", "--config", config.toString()), noJava, work);
        Command.Result allowed = Command.run(List.of(agent, "run", "--service", "--allow-root", "--config",
                config.toString()), noJava, work);

        assertEquals(2, refused.exitCode(), refused.output());
        assertTrue(refused.output().startsWith("sealift-agent: refusing to run as root with --service: "),
                refused.output());
        assertEquals(2, allowed.exitCode(), allowed.output());
        assertTrue(allowed.output().contains(" WARNING running as root (--allow-root)"), allowed.output());
        assertTrue(allowed.output().contains("sealift-agent: agent is not enrolled"), "past the guard: " + allowed.output());
    }

    @Test
    void agent_refusesAConfigOtherUsersCanRead_onTheTrimmedRuntime() throws IOException {
        Path config = writeConfig();
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));

        Command.Result result = Command.run(List.of(dist.resolve("bin/sealift-agent").toString(), "status",
                "--config", config.toString()), noJava, work);

        assertEquals(2, result.exitCode(), result.output());
        assertEquals("sealift-agent: config " + config + ": readable by other users (mode 0644); run: chmod 640 "
                + config, result.output().strip());
    }

    @Test
    void runtime_holdsOnlyTheNeededModules_withoutHeadersManPagesOrCdsArchive() throws IOException {
        String release = Files.readString(dist.resolve("runtime/release"));
        assertTrue(release.contains("java.base") && release.contains("jdk.crypto.ec"), release);
        assertFalse(release.contains("java.desktop"), release);
        assertFalse(release.contains("jdk.compiler"), release);
        assertFalse(Files.exists(dist.resolve("runtime/include")));
        assertFalse(Files.exists(dist.resolve("runtime/man")));
        assertFalse(Files.exists(dist.resolve("runtime/lib/server/classes.jsa")));
    }

    @Test
    void distribution_holdsNoTestHook() {
        TestHookScan.Result scan = TestHookScan.scan(List.of(dist.resolve("lib"), dist.resolve("libexec")));
        assertTrue(scan.jars() > 5, "found only " + scan.jars() + " jars");
        assertEquals(List.of(), scan.hooks());
    }

    @Test
    void distribution_holdsLauncherJarsInstallerAndUnits() {
        for (String file : List.of("bin/sealift-agent", "bin/sealift-agent-paths", "install.sh", "uninstall.sh",
                "lib/sealift-agent-" + Artifacts.version() + ".jar", "libexec/sealift-installer.jar",
                "share/systemd/sealift-agent.service", "share/systemd/sealift-agent-paths.path",
                "share/systemd/sealift-agent-paths.service", "share/config/agent.yaml", "share/doc/operations.md")) {
            assertTrue(Files.exists(dist.resolve(file)), file);
        }
        assertTrue(Files.isExecutable(dist.resolve("install.sh")));
    }

    @Test
    void everyArtifact_hasAMatchingSha256AndACycloneDxSbom() throws Exception {
        for (Path artifact : List.of(Artifacts.tarball(), Artifacts.deb())) {
            String line = Files.readString(artifact.resolveSibling(artifact.getFileName() + ".sha256")).strip();
            assertEquals(sha256(artifact) + " *" + artifact.getFileName(), line);

            Path sbom = artifact.resolveSibling(artifact.getFileName() + ".cdx.json");
            JsonNode bom = new ObjectMapper().readTree(sbom.toFile());
            assertEquals("CycloneDX", bom.get("bomFormat").asText());
            assertTrue(bom.get("components").findValuesAsText("name").containsAll(
                    List.of("sealift-agent", "tink", "grpc-netty-shaded")), sbom + " lists the agent's jars");
            assertFalse(bom.has("serialNumber"), "a serial number would break reproducible builds");
            assertTrue(Files.exists(sbom.resolveSibling(sbom.getFileName() + ".sha256")));
        }
    }

    /** Writes a minimal config with the packaged mode, 0640. */
    private Path writeConfig() throws IOException {
        Path config = work.resolve("agent.yaml");
        Files.writeString(config, "controlPlane:\n  address: 127.0.0.1:7443\n  caFingerprint: sha256:"
                + "0".repeat(64) + "\nstateDir: " + work.resolve("state") + "\nsources: {}\ntargets: {}\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
        return config;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
