package io.sealift.agent.crypto;

/** Thrown when a signed key bundle is malformed or its signature does not verify. */
public final class InvalidKeyBundleException extends Exception {
    /** Creates the exception; {@code message} says which check failed. */
    public InvalidKeyBundleException(String message) {
        super(message);
    }
}
