package io.sealift.agent.transfer.format;

/**
 * The plaintext bytes per sealed frame. Stateless.
 *
 * <p>The default, 256 KiB, is a measured compromise (see docs/agent.md, "Transfers"): gRPC and
 * Netty cost per message, so small frames waste CPU on framing, while AES-GCM on large buffers
 * reaches its compiled fast path later in a fresh JVM. Bounds keep a sealed frame well under
 * gRPC's default 4 MiB message limit.
 */
public final class FrameSizes {
    /** The frame size senders use. */
    public static final int DEFAULT = 256 * 1024;
    /** The smallest frame size a receiver accepts. */
    public static final int MIN = 1024;
    /** The largest frame size a receiver accepts. */
    public static final int MAX = 2 * 1024 * 1024;

    private FrameSizes() {
    }

    /** Returns whether {@code size} is an acceptable frame size. */
    public static boolean isValid(long size) {
        return size >= MIN && size <= MAX;
    }

    /**
     * Checks {@code size}.
     *
     * @throws IllegalArgumentException if it is outside [{@value #MIN}, {@value #MAX}]
     */
    static void check(int size) {
        if (!isValid(size)) {
            throw new IllegalArgumentException("Invalid frame size " + size + "; must be " + MIN + " to " + MAX);
        }
    }
}
