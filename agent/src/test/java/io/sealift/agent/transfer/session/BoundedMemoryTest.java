package io.sealift.agent.transfer.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.agent.testing.TransferRun;
import io.sealift.testsupport.process.ChildProcess;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory does not grow with the data: a JVM whose whole heap is {@value #HEAP_MB} MiB moves a
 * {@value #FILE_MB} MiB file from sender to receiver, both in that JVM, with the production frame
 * size.
 */
class BoundedMemoryTest {
    static final int HEAP_MB = 64;
    static final int FILE_MB = 320;

    @TempDir
    Path dir;

    @Test
    void aFileFiveTimesLargerThanTheHeap_movesThroughSenderAndReceiverInOneSmallJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (ChildProcess child = ChildProcess.start("bounded-memory", List.of(java, "-Xmx" + HEAP_MB + "m",
                "-XX:+UseSerialGC", "-cp", classpath, BoundedMemoryTest.class.getName(), dir.toString()), dir,
                dir.resolve("child.log"), Map.of())) {
            assertEquals(0, child.waitFor(Duration.ofSeconds(120)), child.output());
            assertTrue(child.output().contains("moved " + ((long) FILE_MB << 20) + " bytes"), child.output());
            System.out.println(child.output().strip());
        }
    }

    /** The child JVM: builds a mostly sparse file, moves it in memory, checks its size, prints the peak heap. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path source = Files.createDirectories(root.resolve("source"));
        Path target = Files.createDirectories(root.resolve("target"));
        try (RandomAccessFile file = new RandomAccessFile(source.resolve("huge.bin").toFile(), "rw")) {
            byte[] start = new byte[1 << 20];
            new SecureRandom().nextBytes(start);
            file.write(start);
            file.setLength((long) FILE_MB << 20);
        }
        TransferRun.Result result = new TransferRun(source, target, root.resolve("state"))
                .settings(SessionSettings.defaults(new SecureRandom()))
                .run();
        if (result.receiver().failure() != null || result.sender().failure() != null) {
            throw new AssertionError(result.toString(), result.receiver().failure());
        }
        long size = Files.size(target.resolve("huge.bin"));
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("moved " + size + " bytes; peak heap " + (peak >> 20) + " MiB of " + HEAP_MB);
    }
}
