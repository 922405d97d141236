package io.sealift.agent.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EnrollmentTokenTest {
    private static final String SECRET = "sle_Zq8secretSECRETsecret";

    @Test
    void toString_neverShowsTheValue() {
        EnrollmentToken token = EnrollmentToken.of(SECRET);

        assertEquals("EnrollmentToken[redacted]", token.toString());
        assertEquals("EnrollmentToken[redacted]", String.valueOf(token));
        assertEquals(SECRET, token.reveal());
    }

    @Test
    void of_stripsSurroundingWhitespace() {
        assertEquals(SECRET, EnrollmentToken.of("  " + SECRET + "\n").reveal());
    }

    @Test
    void of_rejectsMalformedTokens_withoutEchoingThem() {
        for (String bad : new String[] {"", "   ", SECRET + " " + SECRET, SECRET + "\u0000", SECRET + "é", "x".repeat(4097)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnrollmentToken.of(bad));
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
            assertFalse(e.getMessage().contains("xxxx"), e.getMessage());
        }
    }

    @Test
    void redactFrom_replacesEveryOccurrence() {
        assertEquals("a [redacted] b [redacted]", EnrollmentToken.of(SECRET).redactFrom("a " + SECRET + " b " + SECRET));
    }
}
