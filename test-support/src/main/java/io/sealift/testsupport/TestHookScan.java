package io.sealift.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds test hooks in a program's jars: the relay frame recorder and tamperer, the key-recording
 * random source, a commit probe (the interface ships; an implementation or a service declaration
 * of it must not), anything of the test-support module, test classes. A shipped program must hold
 * none.
 */
public final class TestHookScan {
    private static final List<String> FORBIDDEN_ENTRIES = List.of("io/sealift/control/testing/",
            "io/sealift/agent/testing/", "io/sealift/testsupport/", "RecordingRelayTap", "TamperingRelayTap",
            "RecordingRandom", "PausingCommitProbe", "META-INF/services/io.sealift.agent.transfer.tree.CommitProbe",
            "Test.class", "IT.class");
    private static final List<String> FORBIDDEN_JARS = List.of("test-support", "relay-recorder", "fault-hooks",
            "-tests.jar");

    private TestHookScan() {
    }

    /** The result of a scan: how many jars were read, and every offending jar or entry. */
    public record Result(int jars, List<String> hooks) {
    }

    /** Scans every jar directly in each of {@code libDirs}. */
    public static Result scan(List<Path> libDirs) {
        List<String> hooks = new ArrayList<>();
        int jars = 0;
        for (Path lib : libDirs) {
            try (Stream<Path> files = Files.list(lib)) {
                for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                    jars++;
                    String name = jar.getFileName().toString();
                    FORBIDDEN_JARS.stream().filter(name::contains).forEach(f -> hooks.add(jar.toString()));
                    try (JarFile file = new JarFile(jar.toFile())) {
                        for (JarEntry entry : Collections.list(file.entries())) {
                            String entryName = entry.getName();
                            if (entryName.contains("sealift")) {
                                FORBIDDEN_ENTRIES.stream().filter(entryName::contains)
                                        .forEach(f -> hooks.add(name + "!" + entryName));
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot scan " + lib, e);
            }
        }
        return new Result(jars, hooks);
    }
}
