package io.sealift.testsupport.trees;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Searches files for byte strings, streaming (a file is never read whole), for tests that prove
 * some bytes never reached some place: markers in a database file, key bytes in a log.
 */
public final class ByteSearch {
    private static final int BUFFER = 1 << 20;

    private ByteSearch() {
    }

    /** A needle found in a file. */
    public record Hit(Path file, String needle) {
    }

    /**
     * Returns every (file, needle) pair where {@code needle} occurs in a regular file at or under
     * {@code place}. Needles must be at least 4 bytes; each file is read once, whatever the
     * number of needles. Needles are shown in hex unless they are printable ASCII.
     */
    public static List<Hit> find(Path place, List<byte[]> needles) {
        Map<Integer, List<byte[]>> byPrefix = new HashMap<>();
        int longest = 0;
        for (byte[] needle : needles) {
            if (needle.length < 4) {
                throw new IllegalArgumentException("needles must be at least 4 bytes");
            }
            byPrefix.computeIfAbsent(prefix(needle, 0), k -> new ArrayList<>()).add(needle);
            longest = Math.max(longest, needle.length);
        }
        List<Hit> hits = new ArrayList<>();
        if (!Files.exists(place) || needles.isEmpty()) {
            return hits;
        }
        try (Stream<Path> files = Files.walk(place)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                for (byte[] needle : search(file, byPrefix, longest)) {
                    hits.add(new Hit(file, show(needle)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + place, e);
        }
        return hits;
    }

    /** Returns whether {@code file} contains {@code needle} (at least 4 bytes). */
    public static boolean contains(Path file, byte[] needle) {
        return !find(file, List.of(needle)).isEmpty();
    }

    private static Set<byte[]> search(Path file, Map<Integer, List<byte[]>> byPrefix, int longest) throws IOException {
        Set<byte[]> found = Collections.newSetFromMap(new IdentityHashMap<>());
        byte[] window = new byte[BUFFER + longest - 1];
        try (InputStream in = Files.newInputStream(file)) {
            int carried = 0;
            while (true) {
                int read = in.readNBytes(window, carried, BUFFER);
                int filled = carried + read;
                boolean last = read < BUFFER;
                // Positions whose longest possible match fits are scanned now; the rest carry over.
                int scanTo = last ? filled - 3 : filled - longest + 1;
                for (int i = 0; i < scanTo; i++) {
                    List<byte[]> candidates = byPrefix.get(prefix(window, i));
                    if (candidates != null) {
                        for (byte[] needle : candidates) {
                            if (i + needle.length <= filled && matches(window, i, needle)) {
                                found.add(needle);
                            }
                        }
                    }
                }
                if (last) {
                    return found;
                }
                carried = filled - Math.max(scanTo, 0);
                System.arraycopy(window, filled - carried, window, 0, carried);
            }
        }
    }

    private static int prefix(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | bytes[at + 3] & 0xff;
    }

    private static boolean matches(byte[] window, int at, byte[] needle) {
        for (int j = 4; j < needle.length; j++) {
            if (window[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }

    private static String show(byte[] needle) {
        for (byte b : needle) {
            if (b < 0x20 || b > 0x7e) {
                return HexFormat.of().formatHex(needle);
            }
        }
        return new String(needle, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Returns {@code needles} plus their lowercase-hex and base64 spellings, as logs and JSON would hold them. */
    public static List<byte[]> withEncodings(List<byte[]> needles) {
        List<byte[]> all = new ArrayList<>();
        for (byte[] needle : needles) {
            all.add(needle);
            all.add(HexFormat.of().formatHex(needle).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            all.add(java.util.Base64.getEncoder().withoutPadding().encodeToString(needle)
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return all.stream().map(b -> Arrays.copyOf(b, b.length)).toList();
    }
}
