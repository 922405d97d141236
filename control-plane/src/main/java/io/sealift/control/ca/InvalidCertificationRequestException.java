package io.sealift.control.ca;

/**
 * Thrown when an agent's certification request is malformed, uses the wrong key type or carries
 * a signature that does not verify. The message is {@code "csr "} followed by the broken rule
 * and never contains request bytes, so it is safe to return to the agent.
 */
public final class InvalidCertificationRequestException extends Exception {
    private final String rule;

    /** Creates the exception for the broken {@code rule}, e.g. "must be DER PKCS#10". */
    public InvalidCertificationRequestException(String rule) {
        super("csr " + rule, null, false, false);
        this.rule = rule;
    }

    /** Returns the broken rule, without the field name. */
    public String rule() {
        return rule;
    }
}
