package io.sealift.audit.format;

/**
 * A line of an audit export that is not what the format allows: not JSON, not in canonical form,
 * a missing or unexpected field, a value of the wrong type or shape.
 *
 * <p>The message names the field and the rule it breaks; it never holds more of the line than
 * the field's name.
 */
public final class FormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what is wrong. */
    public FormatException(String message) {
        super(message, null, false, false);
    }
}
