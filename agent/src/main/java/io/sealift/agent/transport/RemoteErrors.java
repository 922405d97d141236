package io.sealift.agent.transport;

import io.grpc.Status;

/**
 * Turns gRPC failures into one safe line of text for messages and logs: the status code, the
 * server's description with control characters removed and length capped, and the innermost
 * local cause (for example {@code Connection refused}). Stateless.
 */
public final class RemoteErrors {
    private static final int MAX_LENGTH = 300;

    private RemoteErrors() {
    }

    /** Returns the first line of the description of {@code status}, cleaned, or "" if it has none. */
    public static String description(Status status) {
        String description = status.getDescription();
        return description == null ? "" : clean(description.lines().findFirst().orElse(""));
    }

    /** Returns {@code CODE: description (cause)} for {@code status}. */
    public static String describe(Status status) {
        StringBuilder text = new StringBuilder(status.getCode().name());
        String description = description(status);
        if (!description.isEmpty()) {
            text.append(": ").append(description);
        }
        String cause = innermostCause(status.getCause());
        if (!cause.isEmpty() && !description.contains(cause)) {
            text.append(" (").append(cause).append(')');
        }
        return text.toString();
    }

    /** Returns the message of the innermost cause of {@code error} that has one, cleaned. */
    public static String innermostCause(Throwable error) {
        String message = "";
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return clean(message);
    }

    /** Returns {@code text} with control characters replaced by spaces and capped in length. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder result = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        text.codePoints().limit(MAX_LENGTH)
                .forEach(c -> result.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return result.toString().strip();
    }
}
