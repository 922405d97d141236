package io.sealift.agent.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintTest {
    @Test
    void of_isSha256InLowercaseHexWithPrefix() {
        // Known answer: SHA-256("abc").
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Fingerprint.of("abc".getBytes(StandardCharsets.US_ASCII)).value());
    }

    @Test
    void parse_rejectsEverythingButTheCanonicalForm() {
        String hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertTrue(Fingerprint.isValid("sha256:" + hex));
        for (String bad : new String[] {hex, "SHA256:" + hex, "sha256:" + hex.toUpperCase(), "sha256:" + hex + "0",
                "sha256:" + hex.substring(1), "sha256: " + hex.substring(1), ""}) {
            assertFalse(Fingerprint.isValid(bad), bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(bad));
            assertEquals("fingerprint must be 'sha256:' followed by 64 lowercase hex digits", e.getMessage());
        }
    }
}
