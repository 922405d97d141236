package io.sealift.agent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash can tear the last write of a record log; the tear is detected, cut off, and appending goes on. */
class RecordLogTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("job/log");
    }

    private List<String> read() {
        List<String> records = new ArrayList<>();
        RecordLog.open(file(), payload -> records.add(new String(payload, StandardCharsets.UTF_8))).close();
        return records;
    }

    private void write(String... records) {
        try (RecordLog log = RecordLog.open(file(), payload -> { })) {
            for (String record : records) {
                log.append(record.getBytes(StandardCharsets.UTF_8));
            }
            log.sync();
        }
    }

    @Test
    void records_areReadBackInOrder_fromAPrivateFile() throws Exception {
        write("one", "two");
        write("three");

        assertEquals(List.of("one", "two", "three"), read());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())));
    }

    @Test
    void aRecordCutShort_isIgnored_cutOff_andTheNextAppendIsReadable() throws Exception {
        write("one", "two");
        byte[] bytes = Files.readAllBytes(file());
        for (int cut = 1; cut < 8 + 3; cut++) {
            Files.write(file(), Arrays.copyOf(bytes, bytes.length - cut));
            assertEquals(List.of("one"), read(), "cut by " + cut);
            assertEquals(8 + 3, Files.size(file()), "the torn record is cut off");
        }
        write("four");
        assertEquals(List.of("one", "four"), read());
    }

    @Test
    void aFlippedByte_orGarbageAppended_endsTheReadableLog() throws Exception {
        write("one", "two", "three");
        byte[] bytes = Files.readAllBytes(file());
        for (int position = 11; position < bytes.length; position++) {
            byte[] flipped = bytes.clone();
            flipped[position] ^= 0x40;
            Files.write(file(), flipped);
            List<String> records = read();
            assertEquals(List.of("one", "two", "three").subList(0, records.size()), records, "flip at " + position);
            assertEquals(position < 22 ? 1 : 2, records.size(), "flip at " + position);
        }
        Files.write(file(), bytes);
        Files.write(file(), new byte[] {0, 0, 0, 5, 1, 2}, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of("one", "two", "three"), read());
    }

    @Test
    void rewrite_replacesEveryRecordAtomically() {
        write("one", "two");
        try (RecordLog log = RecordLog.open(file(), payload -> { })) {
            log.rewrite(List.of("x".getBytes(StandardCharsets.UTF_8)));
            log.append("y".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("x", "y"), read());
    }
}
