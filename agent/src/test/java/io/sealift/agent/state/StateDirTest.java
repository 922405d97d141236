package io.sealift.agent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.agent.crypto.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirTest {
    private static final Fingerprint FP = Fingerprint.of(new byte[] {1});

    @TempDir
    Path home;

    @Test
    void create_makesOwnerOnlyDirectories() throws IOException {
        StateDir dir = StateDir.at(home.resolve("a/b/state"));
        dir.create();

        for (String sub : new String[] {"", "keys", "certs"}) {
            assertEquals("rwx------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("a/b/state").resolve(sub))));
        }
    }

    @Test
    void create_refusesAnExistingDirectoryOpenToOthers() throws IOException {
        Path open = Files.createDirectory(home.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));

        StateException e = assertThrows(StateException.class, () -> StateDir.at(open).create());
        assertEquals("state directory: " + open + " is accessible to group or others (mode rwxr-xr-x); run: chmod 700 "
                + open, e.getMessage());
    }

    @Test
    void agentAndStatus_roundTripThroughJson() {
        StateDir dir = StateDir.at(home.resolve("state"));
        dir.create();
        EnrolledAgent agent = new EnrolledAgent("a-1", "t-1", "host", FP, FP, "cp:7443", FP, Instant.parse("2026-01-02T03:04:05Z"));
        ConnectionStatus status = new ConnectionStatus(ConnectionStatus.State.DISCONNECTED, Instant.EPOCH, "cp:7443",
                Optional.of(Instant.parse("2026-01-02T03:04:05Z")), Optional.of("UNAVAILABLE"));

        assertEquals(Optional.empty(), dir.readAgent());
        dir.writeAgent(agent);
        dir.writeStatus(status);

        assertTrue(dir.isEnrolled());
        assertEquals(agent, dir.readAgent().orElseThrow());
        assertEquals(status, dir.readStatus().orElseThrow());
    }

    @Test
    void requireAgent_whenNotEnrolled_saysHowToEnroll() {
        NotEnrolledException e = assertThrows(NotEnrolledException.class,
                () -> StateDir.at(home).requireAgent());
        assertTrue(e.getMessage().startsWith("agent is not enrolled (no agent.json in " + home + ")"), e.getMessage());
    }

    @Test
    void damagedAgentFile_isReportedNotIgnored() throws IOException {
        Files.writeString(home.resolve("agent.json"), "{\"agentId\": 1}");

        StateException e = assertThrows(StateException.class, () -> StateDir.at(home).readAgent());
        assertTrue(e.getMessage().startsWith(home.resolve("agent.json") + " is damaged or unreadable"), e.getMessage());
    }

    @Test
    void kekLocation_prefersSystemdCredential_thenConfig_thenStateDir() throws IOException {
        StateDir dir = StateDir.at(home.resolve("state"));
        Path credentials = Files.createDirectory(home.resolve("creds"));
        Path configured = home.resolve("configured.kek");

        assertEquals(new KekLocation(dir.defaultKekFile(), false), KekLocation.resolve(Map.of(), Optional.empty(), dir));
        assertEquals(new KekLocation(configured, false), KekLocation.resolve(Map.of(), Optional.of(configured), dir));
        assertEquals(new KekLocation(configured, false), KekLocation.resolve(
                Map.of("CREDENTIALS_DIRECTORY", credentials.toString()), Optional.of(configured), dir),
                "a credentials directory without the credential does not count");

        Files.write(credentials.resolve("sealift-kek"), new byte[1]);
        assertEquals(new KekLocation(credentials.resolve("sealift-kek"), true), KekLocation.resolve(
                Map.of("CREDENTIALS_DIRECTORY", credentials.toString()), Optional.of(configured), dir));
    }
}
