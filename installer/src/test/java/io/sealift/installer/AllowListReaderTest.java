package io.sealift.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.installer.AllowedPath.Access;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowListReaderTest {
    private final AllowListReader reader = new AllowListReader(Path.of("/etc/sealift"), Path.of("/opt/sealift-agent"));

    @Test
    void targetsAreWritable_sourcesReadOnly_inConfigOrder() {
        AllowList list = reader.read("""
                stateDir: /var/lib/sealift-agent
                sources:
                  projects: {path: /srv/projects, recipients: []}
                  home: {path: /home/alice/data}
                targets:
                  inbox: {path: /srv/inbox}
                """);
        assertEquals(List.of(
                new AllowedPath(Access.READ_WRITE, Path.of("/srv/inbox"), "target \"inbox\""),
                new AllowedPath(Access.READ_ONLY, Path.of("/srv/projects"), "source \"projects\""),
                new AllowedPath(Access.READ_ONLY, Path.of("/home/alice/data"), "source \"home\"")), list.paths());
    }

    @Test
    void aStateDirOtherThanTheUnitsOwn_isWritable() {
        AllowList list = reader.read("stateDir: /data/sealift-state\n");
        assertEquals(List.of(new AllowedPath(Access.READ_WRITE, Path.of("/data/sealift-state"), "stateDir")),
                list.paths());
    }

    @Test
    void emptyOrNullSections_giveAnEmptyList() {
        assertTrue(reader.read("sources: {}\ntargets:\n").paths().isEmpty());
        assertTrue(reader.read("").paths().isEmpty());
    }

    @Test
    void trailingSlashes_areNormalizedAway() {
        AllowList list = reader.read("targets:\n  t: {path: /srv/in/}\n");
        assertEquals(Path.of("/srv/in"), list.paths().get(0).path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/etc", "/etc/sealift", "/opt", "/opt/sealift-agent", "/opt/sealift-agent/lib",
        "/usr", "/boot"})
    void aTargetThatWouldMakeConfigRuntimeOrSystemWritable_isRefused(String path) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> reader.read("targets:\n  bad: {path: \"" + path + "\"}\n"));
        assertTrue(e.getMessage().startsWith("target \"bad\": path " + path), e.getMessage());
        assertTrue(e.getMessage().contains("must stay read-only"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/proc/1", "/sys/kernel", "/dev/shm"})
    void aTargetInAPseudoFileSystem_isRefused(String path) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> reader.read("targets:\n  bad: {path: " + path + "}\n"));
        assertTrue(e.getMessage().contains("not a place for data"), e.getMessage());
    }

    @Test
    void sourcesMayBeAnywhere_becauseTheyStayReadOnly() {
        assertEquals(Access.READ_ONLY, reader.read("sources:\n  etc: {path: /etc}\n").paths().get(0).access());
    }

    @Test
    void badPaths_areRefusedWithTheKeyAndTheRule() {
        assertMessage("targets:\n  t: {path: srv/in}\n", "targets.t.path: must be an absolute path, not srv/in");
        assertMessage("sources:\n  s: {path: /srv/../etc}\n", "sources.s.path: must not contain '.' or '..' segments");
        assertMessage("sources:\n  s: {path: \"/srv/a\\nb\"}\n", "sources.s.path: must not contain control characters");
        assertMessage("sources:\n  s: {recipients: []}\n", "sources.s.path: is required and must be a string");
        assertMessage("sources: [/srv]\n", "sources: must be a map of endpoint names to endpoints");
        assertMessage("sources: {a: [\n", "not valid YAML");
    }

    private void assertMessage(String yaml, String expected) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> reader.read(yaml));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
