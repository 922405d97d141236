package io.sealift.packaging.agent;

import io.sealift.testsupport.systemd.SystemdAnalyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.testsupport.FreePorts;
import io.sealift.testsupport.process.ControlPlaneProcess;
import io.sealift.testsupport.process.RestClient;
import io.sealift.testsupport.process.SealiftPrograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install.sh and uninstall.sh from the extracted tarball, staged with {@code --root} into a
 * directory: the user, owners, modes and files; the unit verified by systemd on the staged
 * tree; idempotence; an upgrade that keeps config and keys; enrollment against a real control
 * plane; uninstall and purge.
 */
class StagedInstallIT {
    private static final String FINGERPRINT = "sha256:" + "ab".repeat(32);
    private static final double MAX_EXPOSURE = 2.0;

    @TempDir
    Path work;

    private Path dist;
    private Path root;

    @BeforeEach
    void extract() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "owners can only be set as root");
        dist = Artifacts.extractTarball(Files.createDirectories(work.resolve("dist")));
        root = work.resolve("image");
    }

    @Test
    void install_laysOutUserFilesOwnersAndModes() throws IOException {
        install("--no-enroll").ok();

        String passwd = Files.readString(root.resolve("etc/passwd"));
        Matcher user = Pattern.compile("(?m)^sealift:x:(\\d+):(\\d+):Sealift agent:/var/lib/sealift-agent:\\S*nologin$")
                .matcher(passwd);
        assertTrue(user.find(), passwd);
        int uid = Integer.parseInt(user.group(1));
        int gid = Integer.parseInt(user.group(2));
        assertTrue(Files.readString(root.resolve("etc/group")).contains("sealift:x:" + gid + ":"));

        assertOwnerAndMode("opt/sealift-agent", 0, 0, "rwxr-xr-x");
        assertOwnerAndMode("opt/sealift-agent/bin/sealift-agent", 0, 0, "rwxr-xr-x");
        assertOwnerAndMode("opt/sealift-agent/runtime/bin/java", 0, 0, "rwxr-xr-x");
        assertOwnerAndMode("etc/sealift", 0, gid, "rwxr-x---");
        assertOwnerAndMode("etc/sealift/agent.yaml", 0, gid, "rw-r-----");
        assertOwnerAndMode("var/lib/sealift-agent", uid, gid, "rwx------");
        assertOwnerAndMode("etc/systemd/system/sealift-agent.service", 0, 0, "rw-r--r--");
        assertOwnerAndMode("etc/systemd/system/sealift-agent.service.d/50-paths.conf", 0, 0, "rw-r--r--");
        assertEquals(Path.of("/etc/systemd/system/sealift-agent.service"),
                Files.readSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/sealift-agent.service")));
        assertTrue(Files.exists(root.resolve("etc/systemd/system/paths.target.wants/sealift-agent-paths.path"),
                LinkOption.NOFOLLOW_LINKS));
        assertNothingWritableByOthers(root.resolve("opt/sealift-agent"));

        String config = Files.readString(root.resolve("etc/sealift/agent.yaml"));
        assertTrue(config.contains("address: \"cp.example.com:7443\""), config);
        assertTrue(config.contains("caFingerprint: \"" + FINGERPRINT + "\""), config);
        assertTrue(config.contains("stateDir: /var/lib/sealift-agent"), config);
    }

    @Test
    void unit_passesSystemdVerify_andScoresAtMost2_onTheStagedInstall() throws IOException {
        install("--no-enroll").ok();
        Files.writeString(root.resolve("etc/sealift/agent.yaml"), "\nsources:\n  docs: {path: /home/alice/docs}\n"
                + "targets:\n  inbox: {path: /srv/inbox}\n", StandardOpenOption.APPEND);
        paths().ok();
        stageOperatingSystemUnits();

        SystemdAnalyze.Result verify = SystemdAnalyze.verify(root, "sealift-agent.service",
                "sealift-agent-paths.service", "sealift-agent-paths.path");
        assertEquals(0, verify.exitCode(), verify.output());
        assertEquals(List.of(), verify.warnings(), verify.output());

        SystemdAnalyze.Result security = SystemdAnalyze.security(root, "sealift-agent.service");
        assertEquals(List.of(), security.warnings(), security.output());
        assertTrue(security.exposure() <= MAX_EXPOSURE, security.output());
        String dropIn = Files.readString(root.resolve("etc/systemd/system/sealift-agent.service.d/50-paths.conf"));
        assertTrue(dropIn.contains("ReadWritePaths=-/srv/inbox\n") && dropIn.contains("ReadOnlyPaths=-/home/alice/docs\n"),
                dropIn);
    }

    @Test
    void secondInstall_changesNothing() throws IOException {
        install("--no-enroll").ok();
        List<String> before = TreeSnapshot.of(root);
        Command.Result again = install("--no-enroll").ok();
        assertEquals(List.of(), TreeSnapshot.difference(before, TreeSnapshot.of(root)), again.output());
        assertTrue(again.output().contains("/opt/sealift-agent is up to date"), again.output());
    }

    @Test
    void upgrade_replacesTheRuntime_andKeepsConfigAndKeys() throws IOException {
        install("--no-enroll").ok();
        Path config = root.resolve("etc/sealift/agent.yaml");
        Files.writeString(config, "\ntargets:\n  inbox: {path: /srv/inbox}\n", StandardOpenOption.APPEND);
        Path key = root.resolve("var/lib/sealift-agent/keys/identity.keyset");
        Files.createDirectories(key.getParent());
        Files.writeString(key, "encrypted key material");
        Files.writeString(root.resolve("var/lib/sealift-agent/agent.json"), "{}");
        String configBefore = Files.readString(config);

        Path next = newerTarball();
        Command.Result upgrade = Command.run(List.of(dist.resolve("install.sh").toString(), "--root", root.toString(),
                "--dist", next.toString())).ok();

        assertTrue(Files.exists(root.resolve("opt/sealift-agent/share/UPGRADED")), upgrade.output());
        assertEquals(configBefore, Files.readString(config));
        assertEquals("encrypted key material", Files.readString(key));
        assertTrue(upgrade.output().contains("already enrolled"), upgrade.output());
        assertTrue(Files.readString(root.resolve("etc/systemd/system/sealift-agent.service.d/50-paths.conf"))
                .contains("ReadWritePaths=-/srv/inbox"), "the drop-in follows the kept config");
    }

    @Test
    void install_enrollsAgainstARealControlPlane_withoutShowingTheToken() throws IOException {
        SealiftPrograms programs = SealiftPrograms.locate();
        try (ControlPlaneProcess controlPlane = ControlPlaneProcess.start(programs, work.resolve("cp"),
                FreePorts.next(), FreePorts.next(), work.resolve("cp.log"), Map.of())) {
            RestClient admin = controlPlane.adminApi();
            String tenant = admin.post("/api/v1/tenants", Map.of("name", "acme")).expect(201).get("id").asText();
            String token = admin.post("/api/v1/tenants/" + tenant + "/enrollment-tokens", Map.of("ttlSeconds", 600))
                    .expect(201).get("token").asText();
            Path tokenFile = work.resolve("token");
            Files.writeString(tokenFile, token);

            Command.Result result = Command.run(List.of(dist.resolve("install.sh").toString(), "--root", root.toString(),
                    "--control-plane", controlPlane.grpcAddress(), "--ca-fingerprint", controlPlane.caFingerprint(),
                    "--token-file", tokenFile.toString(), "--name", "staged-agent"));
            assertEquals(0, result.exitCode(), result.output());
            assertFalse(result.output().contains(token), "install.sh printed the token");

            Path state = root.resolve("var/lib/sealift-agent");
            assertTrue(Files.exists(state.resolve("agent.json")), result.output());
            int uid = (int) Files.getAttribute(state, "unix:uid");
            try (var files = Files.walk(state)) {
                for (Path file : files.toList()) {
                    assertEquals(uid, Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS), file.toString());
                    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
                    assertTrue(mode.endsWith("------"), file + " is " + mode);
                }
            }
            JsonNode agents = admin.get("/api/v1/tenants/" + tenant + "/agents").expect(200);
            assertTrue(agents.toString().contains("staged-agent"), agents.toString());

            Command.Result again = install().ok();
            assertTrue(again.output().contains("already enrolled"), again.output());
        }
    }

    @Test
    void uninstall_keepsConfigAndState_purgeRemovesThemAndTheUser() throws IOException {
        install("--no-enroll").ok();
        Path uninstall = root.resolve("opt/sealift-agent/uninstall.sh");
        Path copy = work.resolve("uninstall.sh");
        Files.copy(uninstall, copy);

        Command.run(List.of(copy.toString(), "--root", root.toString())).ok();
        assertFalse(Files.exists(root.resolve("opt/sealift-agent")));
        assertFalse(Files.exists(root.resolve("etc/systemd/system/sealift-agent.service")));
        assertFalse(Files.exists(root.resolve("etc/systemd/system/multi-user.target.wants/sealift-agent.service"),
                LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(root.resolve("etc/sealift/agent.yaml")));
        assertTrue(Files.isDirectory(root.resolve("var/lib/sealift-agent")));

        Command.run(List.of(copy.toString(), "--root", root.toString(), "--purge")).ok();
        assertFalse(Files.exists(root.resolve("etc/sealift")));
        assertFalse(Files.exists(root.resolve("var/lib/sealift-agent")));
        assertFalse(Files.readString(root.resolve("etc/passwd")).contains("sealift:"));
        Command.run(List.of(copy.toString(), "--root", root.toString(), "--purge")).ok();
    }

    private Command.Result install(String... extra) {
        List<String> command = new ArrayList<>(List.of(dist.resolve("install.sh").toString(), "--root", root.toString(),
                "--control-plane", "cp.example.com:7443", "--ca-fingerprint", FINGERPRINT));
        command.addAll(List.of(extra));
        return Command.run(command);
    }

    private Command.Result paths() {
        return Command.run(List.of(root.resolve("opt/sealift-agent/bin/sealift-agent-paths").toString(),
                "--root", root.toString()));
    }

    /** A tarball like this build's, with one more file: what the next release looks like to install.sh. */
    private Path newerTarball() throws IOException {
        Path unpacked = Files.createDirectories(work.resolve("next"));
        Path next = Artifacts.extractTarball(unpacked);
        Files.writeString(next.resolve("share/UPGRADED"), "yes\n");
        Path tarball = work.resolve("next.tar.gz");
        Command.run(List.of("tar", "-czf", tarball.toString(), "-C", unpacked.toString(),
                next.getFileName().toString())).ok();
        return tarball;
    }

    /** Copies the host's systemd units into the staged root, as an image's OS would have them. */
    private void stageOperatingSystemUnits() {
        Path target = root.resolve("usr/lib/systemd/system");
        Command.run(List.of("mkdir", "-p", target.toString())).ok();
        Command.run(List.of("cp", "-a", "/lib/systemd/system/.", target.toString())).ok();
    }

    private void assertOwnerAndMode(String relative, int uid, int gid, String mode) throws IOException {
        Path path = root.resolve(relative);
        assertEquals(uid, Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS), relative + " owner");
        assertEquals(gid, Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS), relative + " group");
        assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)),
                relative + " mode");
    }

    private static void assertNothingWritableByOthers(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(f -> !Files.isSymbolicLink(f)).toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
                assertTrue(mode.charAt(4) == '-' && mode.charAt(7) == '-', file + " is " + mode);
                assertEquals(0, Files.getAttribute(file, "unix:uid"), file + " owner");
            }
        }
    }
}
