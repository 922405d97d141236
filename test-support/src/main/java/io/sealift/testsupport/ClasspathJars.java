package io.sealift.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Finds the jar a class was loaded from, to put that jar on a child process's classpath. */
public final class ClasspathJars {
    private ClasspathJars() {
    }

    /**
     * Returns the jar {@code type} was loaded from; when it came from a classes directory (an IDE
     * run), packs that directory into a jar in {@code dir} and returns that.
     */
    public static Path jarOf(Class<?> type, Path dir) {
        Path location;
        try {
            location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
        if (Files.isRegularFile(location)) {
            return location;
        }
        return pack(location, dir.resolve(type.getSimpleName() + "-classes.jar"));
    }

    /**
     * Returns the jar on this JVM's classpath that holds {@code resource} (such as
     * {@code io/sealift/control/testing/RecordingRelayTap.class}), without loading any class.
     */
    public static Path jarHolding(String resource) {
        java.net.URL url = ClasspathJars.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the test classpath");
        }
        String spec = url.toString();
        if (!spec.startsWith("jar:file:") || !spec.contains("!/")) {
            throw new IllegalStateException(resource + " is not in a jar: " + spec);
        }
        try {
            return Path.of(new java.net.URI(spec.substring("jar:".length(), spec.indexOf("!/"))));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the jar location " + spec, e);
        }
    }

    private static Path pack(Path classes, Path jar) {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path path : files) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + classes + " into " + jar, e);
        }
    }
}
