package io.sealift.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathsDropInMainTest {
    private static final String DROP_IN = "etc/systemd/system/sealift-agent.service.d/50-paths.conf";

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void withRoot_readsTheStagedConfigAndWritesTheStagedDropIn_namingImagePaths() throws IOException {
        writeConfig("targets:\n  inbox: {path: /srv/inbox}\n");
        assertEquals(0, run("--root", root.toString()));
        String dropIn = Files.readString(root.resolve(DROP_IN));
        assertTrue(dropIn.contains("from /etc/sealift/agent.yaml."), dropIn);
        assertTrue(dropIn.contains("ReadWritePaths=-/srv/inbox\n"), dropIn);
        assertTrue(stdout().startsWith("wrote " + root.resolve(DROP_IN)), stdout());

        assertEquals(0, run("--root", root.toString()));
        assertTrue(stdout().endsWith("is up to date\n"), stdout());
    }

    @Test
    void print_writesNothing() throws IOException {
        writeConfig("sources:\n  s: {path: /srv/s}\n");
        assertEquals(0, run("--root", root.toString(), "--print"));
        assertTrue(stdout().contains("ReadOnlyPaths=-/srv/s\n"), stdout());
        assertFalse(Files.exists(root.resolve(DROP_IN)));
    }

    @Test
    void aConfigThatBreaksARule_exits2_namingFileKeyAndRule_andLeavesTheDropInAlone() throws IOException {
        writeConfig("targets:\n  everything: {path: /}\n");
        Files.createDirectories(root.resolve(DROP_IN).getParent());
        Files.writeString(root.resolve(DROP_IN), "[Service]\n");
        assertEquals(2, run("--root", root.toString()));
        assertTrue(stderr().startsWith("sealift-agent-paths: /etc/sealift/agent.yaml: target \"everything\": path /"),
                stderr());
        assertEquals("[Service]\n", Files.readString(root.resolve(DROP_IN)));
    }

    @Test
    void usageErrorsAndAMissingConfig_areReported() {
        assertEquals(2, run("--bogus"));
        assertTrue(stderr().contains("unknown option --bogus"), stderr());
        assertEquals(2, run("--config", "relative.yaml"));
        assertEquals(1, run("--root", root.toString()));
        assertTrue(stderr().contains(root.resolve("etc/sealift/agent.yaml") + ": no such file"), stderr());
    }

    private void writeConfig(String yaml) throws IOException {
        Path config = root.resolve("etc/sealift/agent.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, yaml);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return PathsDropInMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
