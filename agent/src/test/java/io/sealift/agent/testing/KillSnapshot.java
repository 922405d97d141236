package io.sealift.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a receiver killed with SIGKILL at an arbitrary moment leaves on disk, taken while it runs:
 * the journal first, then the target's files, so every file is at least as long as what the
 * copied journal says about it (files only grow while a session runs). {@link #restore()} puts
 * exactly that back, undoing whatever the receiver did after the "kill".
 */
public final class KillSnapshot {
    private final Path journal;
    private final Path target;
    private final byte[] journalBytes;
    private final Map<Path, byte[]> files = new LinkedHashMap<>();

    private KillSnapshot(Path journal, Path target) {
        this.journal = journal;
        this.target = target;
        this.journalBytes = read(journal);
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path path : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                byte[] content = read(path);
                if (content != null) {
                    files.put(target.relativize(path), content);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes the snapshot of {@code journal} and the regular files under {@code target}. */
    public static KillSnapshot take(Path journal, Path target) {
        return new KillSnapshot(journal, target);
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties the target and puts the snapshot back, journal included. */
    public void restore() {
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(target)) {
                    Files.delete(path);
                }
            }
            for (Map.Entry<Path, byte[]> file : files.entrySet()) {
                Path path = target.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
            }
            if (journalBytes == null) {
                Files.deleteIfExists(journal);
            } else {
                Files.write(journal, journalBytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns how many files the snapshot holds. */
    public int files() {
        return files.size();
    }
}
