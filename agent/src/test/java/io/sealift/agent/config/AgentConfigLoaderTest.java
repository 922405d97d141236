package io.sealift.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.agent.guard.ExposedFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigLoaderTest {
    private static final String FP = "sha256:" + "3f5a".repeat(16);
    private static final String FP2 = "sha256:" + "0123456789abcdef".repeat(4);
    private static final String MINIMAL = "controlPlane:\n"
            + "  address: cp.example.com:7443\n"
            + "  caFingerprint: " + FP + "\n"
            + "stateDir: /var/lib/sealift-agent\n";

    @TempDir
    Path dir;

    private AgentConfig load(String yaml) throws IOException {
        return new AgentConfigLoader().load(write(yaml, "rw-r-----"));
    }

    /** Writes {@code agent.yaml} with {@code mode}: the packaged layout's 0640 unless a test says. */
    private Path write(String yaml, String mode) throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private String error(String yaml) throws IOException {
        Path file = write(yaml, "rw-r-----");
        String message = assertThrows(ConfigException.class, () -> new AgentConfigLoader().load(file)).getMessage();
        assertTrue(message.startsWith("config " + file + ": "), message);
        return message.substring(("config " + file + ": ").length());
    }

    @Test
    void load_minimalConfig_hasDefaultsAndNoEndpoints() throws IOException {
        AgentConfig config = load(MINIMAL);

        assertEquals(new ControlPlaneAddress("cp.example.com", 7443), config.controlPlane().address());
        assertEquals(FP, config.controlPlane().caFingerprint().value());
        assertEquals(ReconnectPolicy.DEFAULT, config.controlPlane().reconnect());
        assertEquals(Path.of("/var/lib/sealift-agent"), config.stateDir());
        assertTrue(config.keyEncryptionKeyFile().isEmpty());
        assertEquals(Level.INFO, config.logLevel());
        assertTrue(config.sources().isEmpty());
        assertTrue(config.targets().isEmpty());
    }

    @Test
    void load_emptySourcesAndTargets_areValid() throws IOException {
        AgentConfig config = load(MINIMAL + "sources: {}\ntargets: {}\n");

        assertTrue(config.sources().isEmpty());
        assertTrue(config.targets().isEmpty());
    }

    @Test
    void load_fullConfig_readsEveryKey() throws IOException {
        AgentConfig config = load("controlPlane:\n"
                + "  address: '[::1]:7443'\n"
                + "  caFingerprint: " + FP + "\n"
                + "  reconnect: {initialDelayMs: 100, maxDelayMs: 2000}\n"
                + "stateDir: /var/lib/sealift-agent\n"
                + "keyEncryptionKeyFile: /etc/sealift/agent.kek\n"
                + "logLevel: debug\n"
                + "sources:\n"
                + "  hr-share: {path: /srv/hr, recipients: [\"" + FP2 + "\"], exclude: [\"*.tmp\", \"**/cache/**\"]}\n"
                + "targets:\n"
                + "  landing: {path: /data/landing, senders: [\"" + FP2 + "\"]}\n");

        assertEquals("::1", config.controlPlane().address().host());
        assertEquals("[::1]:7443", config.controlPlane().address().toString());
        assertEquals(new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(2)), config.controlPlane().reconnect());
        assertEquals(Path.of("/etc/sealift/agent.kek"), config.keyEncryptionKeyFile().orElseThrow());
        assertEquals(Level.FINE, config.logLevel());
        SourceEndpoint source = config.sources().get("hr-share");
        assertEquals(Path.of("/srv/hr"), source.path());
        assertEquals(FP2, source.recipients().get(0).value());
        assertEquals(List.of("*.tmp", "**/cache/**"), source.exclude());
        TargetEndpoint target = config.targets().get("landing");
        assertEquals(Path.of("/data/landing"), target.path());
        assertEquals(FP2, target.senders().get(0).value());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            controlPlane: {adress: 'x:1'}                | unknown key 'controlPlane.adress'
            colour: blue                                 | unknown key 'colour'
            sources: {a: {path: /a, recipent: []}}       | unknown key 'sources.a.recipent'
            targets: {a: {path: /a, recipients: []}}     | unknown key 'targets.a.recipients'
            controlPlane: {reconnect: {initialDelay: 1}} | unknown key 'controlPlane.reconnect.initialDelay'
            """)
    void load_withUnknownKey_namesIt(String extra, String expected) throws IOException {
        String yaml = extra.startsWith("controlPlane")
                ? MINIMAL.replace("controlPlane:\n", "controlPlane:\n  " + extra.substring(15, extra.length() - 1) + "\n")
                : MINIMAL + extra + "\n";
        assertEquals(expected, error(yaml));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            caFingerprint: sha256:3F5A                   | controlPlane.caFingerprint must be 'sha256:' followed by 64 lowercase hex digits
            caFingerprint: md5:abc                       | controlPlane.caFingerprint must be 'sha256:' followed by 64 lowercase hex digits
            address: cp.example.com                      | controlPlane.address must be host:port
            address: 'cp.example.com:http'               | controlPlane.address must be host:port with a numeric port
            address: 'cp.example.com:70000'              | controlPlane.address port must be between 1 and 65535
            address: 7443                                | controlPlane.address must be a string
            """)
    void load_withBadControlPlaneValue_namesTheKeyAndRule(String line, String expected) throws IOException {
        String key = line.substring(0, line.indexOf(':'));
        String yaml = MINIMAL.replaceFirst("  " + key + ": [^\n]*\n", "  " + line + "\n");
        assertEquals(expected, error(yaml));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            sources: {HR: {path: /srv/hr}}                          | sources.HR is not a valid endpoint name: names must match [a-z0-9][a-z0-9._-]{0,62}
            sources: {-hr: {path: /srv/hr}}                         | sources.-hr is not a valid endpoint name: names must match [a-z0-9][a-z0-9._-]{0,62}
            sources: {hr: {path: srv/hr}}                           | sources.hr.path must be an absolute path
            sources: {hr: {path: /srv/../etc}}                      | sources.hr.path must not contain '.' or '..' segments
            sources: {hr: {}}                                       | sources.hr.path is required
            sources: {hr: {path: /srv/hr, recipients: [abc]}}       | sources.hr.recipients[0] must be 'sha256:' followed by 64 lowercase hex digits
            sources: {hr: {path: /srv/hr, recipients: abc}}         | sources.hr.recipients must be a list of strings
            sources: {hr: {path: /srv/hr, exclude: ['[a']}}         | sources.hr.exclude[0] is not a valid glob: Missing ']
            sources: {hr: /srv/hr}                                  | sources.hr must be a mapping
            sources: [hr]                                           | sources must be a mapping
            targets: {landing: {path: /data, senders: [1]}}         | targets.landing.senders[0] must be a string
            stateDir: var/lib/sealift                               | stateDir must be an absolute path
            logLevel: loud                                          | logLevel must be one of error, warning, info, debug
            keyEncryptionKeyFile: kek                               | keyEncryptionKeyFile must be an absolute path
            """)
    void load_withBadValue_namesTheKeyAndRule(String line, String expected) throws IOException {
        String yaml = line.startsWith("stateDir") ? MINIMAL.replaceFirst("stateDir: [^\n]*\n", line + "\n") : MINIMAL + line + "\n";
        String message = error(yaml);
        assertTrue(message.startsWith(expected), message);
    }

    @Test
    void load_withBadReconnectDelays_namesTheKey() throws IOException {
        String yaml = MINIMAL.replace("controlPlane:\n", "controlPlane:\n  reconnect: {initialDelayMs: 500, maxDelayMs: 100}\n");
        assertEquals("controlPlane.reconnect.maxDelayMs must not be less than initialDelayMs (500)", error(yaml));
        yaml = MINIMAL.replace("controlPlane:\n", "controlPlane:\n  reconnect: {initialDelayMs: 0}\n");
        assertEquals("controlPlane.reconnect.initialDelayMs must be between 1 and 3600000 milliseconds", error(yaml));
    }

    @Test
    void load_withMissingRequiredKeys_namesThem() throws IOException {
        assertEquals("controlPlane is required", error("stateDir: /x\n"));
        assertEquals("stateDir is required", error(MINIMAL.replaceFirst("stateDir: [^\n]*\n", "")));
        assertEquals("controlPlane.caFingerprint is required",
                error(MINIMAL.replaceFirst("  caFingerprint: [^\n]*\n", "")));
    }

    @Test
    void load_withDuplicateKey_isAnError() throws IOException {
        assertTrue(error(MINIMAL + "stateDir: /other\n").startsWith("not valid YAML at line 5"));
    }

    @Test
    void load_emptyOrMissingOrNonMappingFile_isAnError() throws IOException {
        assertEquals("file is empty", error(""));
        assertEquals("top level must be a mapping of keys to values", error("- a\n- b\n"));
        String message = assertThrows(ConfigException.class,
                () -> new AgentConfigLoader().load(dir.resolve("missing.yaml"))).getMessage();
        assertEquals("config " + dir.resolve("missing.yaml") + ": file not found", message);
    }

    @Test
    void load_brokenYaml_saysWhere() throws IOException {
        assertTrue(error("controlPlane: [\n").startsWith("not valid YAML at line"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rw-r--r-- | readable by other users (mode 0644)",
        "rw-rw---- | writable by its group (mode 0660)",
        "rw-rw-rw- | writable by other users, readable by other users, writable by its group (mode 0666)",
        "rw-----w- | writable by other users (mode 0602)",
    })
    void load_fileOtherUsersCanReadOrAnyoneButItsOwnerChange_isRefusedWithItsModeAndTheFix(String mode, String problem)
            throws IOException {
        Path file = write(MINIMAL, mode);

        String message = assertThrows(ExposedFileException.class, () -> new AgentConfigLoader().load(file)).getMessage();

        assertEquals("config " + file + ": " + problem + "; run: chmod 640 " + file, message);
    }

    @ParameterizedTest
    @CsvSource({"rw-------", "rw-r-----", "r--------", "r--r-----", "rw-r----x"})
    void load_fileOnlyItsOwnerAndGroupCanRead_isAccepted(String mode) throws IOException {
        assertEquals(Path.of("/var/lib/sealift-agent"), new AgentConfigLoader().load(write(MINIMAL, mode)).stateDir());
    }
}
