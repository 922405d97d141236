package io.sealift.installer;

/** The agent's config cannot be turned into an allow-list; the message names the key and the rule. */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the key and the rule it breaks. */
    public InvalidConfigException(String message) {
        super(message);
    }
}
