package io.sealift.testsupport.keys;

import io.sealift.testsupport.ClasspathJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Sets up {@link RecordingRandomProvider} for child JVMs: the jar to add to their classpath, the
 * {@code java.security} override that makes it the most preferred provider, and the JVM flags.
 *
 * @param jar the jar holding the provider, to put on the child's classpath
 * @param securityFile the {@code java.security} override
 * @param log the file the 32-byte outputs go to
 */
public record RecordedRandoms(Path jar, Path securityFile, Path log) {
    /** The JDK 17 providers, in their default order; the recorder goes before them all. */
    private static final List<String> JDK_PROVIDERS = List.of("SUN", "SunRsaSign", "SunEC", "SunJSSE", "SunJCE",
            "SunJGSS", "SunSASL", "XMLDSig", "SunPCSC", "JdkLDAP", "JdkSASL", "SunPKCS11");

    /** Writes the jar and the security override into {@code dir}. */
    public static RecordedRandoms in(Path dir) {
        try {
            Files.createDirectories(dir);
            Path jar = ClasspathJars.jarOf(RecordingRandomProvider.class, dir);
            StringBuilder security = new StringBuilder("security.provider.1=")
                    .append(RecordingRandomProvider.class.getName()).append('\n');
            for (int i = 0; i < JDK_PROVIDERS.size(); i++) {
                security.append("security.provider.").append(i + 2).append('=').append(JDK_PROVIDERS.get(i))
                        .append('\n');
            }
            Path securityFile = dir.resolve("recording-random.security");
            Files.writeString(securityFile, security, StandardCharsets.US_ASCII);
            return new RecordedRandoms(jar, securityFile, dir.resolve("random-outputs.hex"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the JVM flags that install the recorder (with its jar on the classpath). */
    public String jvmFlags() {
        return "-Djava.security.properties=" + securityFile + " -D" + RecordingRandomProvider.LOG_PROPERTY + "=" + log;
    }

    /** Returns every 32-byte output recorded so far. */
    public List<byte[]> outputs() {
        try {
            List<byte[]> outputs = new ArrayList<>();
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.US_ASCII)) {
                    if (!line.isBlank()) {
                        outputs.add(HexFormat.of().parseHex(line.strip()));
                    }
                }
            }
            return outputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
