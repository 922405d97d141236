package io.sealift.agent.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AgentNameTest {
    @Test
    void name_allowsOneTo64OfTheSafeCharacters() {
        assertEquals("a", new AgentName("a").value());
        assertEquals("Host_1.example-2", new AgentName("Host_1.example-2").value());
        assertEquals(64, new AgentName("x".repeat(64)).value().length());
    }

    @Test
    void name_withOtherCharactersOrLength_isRejectedNamingValueAndRule() {
        for (String bad : new String[] {"", "x".repeat(65), "a b", "ünï", "a/b", "a\nb"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AgentName(bad));
            assertEquals("agent name '" + bad + "' must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' and '-'",
                    e.getMessage());
        }
    }

    @Test
    void fromHostName_replacesOtherCharactersAndTruncates() {
        assertEquals("db-01.example.com", AgentName.fromHostName("db-01.example.com").value());
        assertEquals("my-laptop--local", AgentName.fromHostName("my laptop (local").value());
        assertEquals(64, AgentName.fromHostName("h".repeat(100)).value().length());
        assertEquals("sealift-agent", AgentName.fromHostName("").value());
        assertEquals("sealift-agent", AgentName.fromHostName(null).value());
    }
}
