package io.sealift.testsupport.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteSearchTest {
    @TempDir
    Path dir;

    @Test
    void findsANeedleThatStraddlesTheReadWindow_andAtTheVeryEnd() throws IOException {
        byte[] needle = "NEEDLE-0123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "TAILMARK".getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[3 * (1 << 20)];
        System.arraycopy(needle, 0, content, (1 << 20) - 5, needle.length);
        System.arraycopy(tail, 0, content, content.length - tail.length, tail.length);
        Path file = Files.write(dir.resolve("big"), content);

        assertTrue(ByteSearch.contains(file, needle));
        assertTrue(ByteSearch.contains(file, tail));
        assertFalse(ByteSearch.contains(file, "ABSENT-NEEDLE".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(2, ByteSearch.find(dir, List.of(needle, tail, "nope".getBytes(StandardCharsets.US_ASCII))).size());
    }

    @Test
    void aFileShorterThanANeedle_holdsNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("small"), "ab");
        assertFalse(ByteSearch.contains(file, "abcd".getBytes(StandardCharsets.US_ASCII)));
    }
}
