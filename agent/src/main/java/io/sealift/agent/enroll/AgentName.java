package io.sealift.agent.enroll;

import java.util.regex.Pattern;

/**
 * An agent's human-readable name: 1-64 characters of {@code [A-Za-z0-9._-]}. Defaults to the
 * host name. Immutable.
 */
public record AgentName(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String FALLBACK = "sealift-agent";

    /**
     * Validates {@code value}.
     *
     * @throws IllegalArgumentException if it breaks the rule; the message names value and rule
     */
    public AgentName {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("agent name '" + value
                    + "' must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
        }
    }

    /** Derives a name from a host name, replacing characters outside the rule with '-'. */
    public static AgentName fromHostName(String hostName) {
        String cleaned = hostName == null ? "" : hostName.strip().replaceAll("[^A-Za-z0-9._-]", "-");
        if (cleaned.length() > 64) {
            cleaned = cleaned.substring(0, 64);
        }
        return new AgentName(cleaned.isEmpty() ? FALLBACK : cleaned);
    }

    @Override
    public String toString() {
        return value;
    }
}
