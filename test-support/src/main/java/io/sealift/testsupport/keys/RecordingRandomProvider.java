package io.sealift.testsupport.keys;

import java.security.Provider;

/**
 * A JCA provider, for end-to-end tests only, whose one service is a {@code SecureRandom} that
 * draws from the JDK's own {@code NativePRNGNonBlocking} and writes every 32-byte output (the size
 * of a data key and of most key seeds) to the file named by {@value #LOG_PROPERTY}.
 *
 * <p>{@link RecordedRandoms} installs it in a child JVM as the most preferred provider, so that
 * JVM's {@code new SecureRandom()} is this one: a test then knows every data key the process
 * generated without the shipped program having any hook for it.
 */
public final class RecordingRandomProvider extends Provider {
    /** The system property naming the file the 32-byte outputs are appended to, one hex line each. */
    public static final String LOG_PROPERTY = "sealift.test.random-log";

    private static final long serialVersionUID = 1L;

    /** Creates the provider; the JDK calls this when it loads the provider list. */
    public RecordingRandomProvider() {
        super("SealiftTestRecordingRandom", "1.0", "records 32-byte SecureRandom outputs (tests only)");
        put("SecureRandom.Recording", RecordingRandomSpi.class.getName());
        put("SecureRandom.Recording ThreadSafe", "true");
    }
}
