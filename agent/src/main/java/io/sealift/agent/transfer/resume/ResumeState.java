package io.sealift.agent.transfer.resume;

import io.sealift.proto.v1.ClaimedFile;
import io.sealift.proto.v1.ManifestEntry;
import io.sealift.proto.v1.ResumeClaim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * What a target endpoint holds of one job, as its {@link TargetJournal} says: temporary files
 * with a verified, flushed prefix or the whole verified content of a file, and the paths the job
 * has put in place under their final names (regular files, directories, symlinks).
 *
 * <p>A file counts as held only with the same path, size and mtime as the manifest entry asking
 * for it: the sender applies the same rule to the claim ({@link ResumePlan}). Not thread-safe:
 * the receiver's thread owns it.
 */
public final class ResumeState {
    /** The name prefix of temporary files in a target root. */
    public static final String TEMP_PREFIX = ".sealift-tmp-";

    private static final Logger LOG = Logger.getLogger(ResumeState.class.getName());
    private static final Pattern TEMP_NAME = Pattern.compile(Pattern.quote(TEMP_PREFIX) + "[0-9]+-[0-9a-z]+");

    /**
     * A temporary file in the target root holding the first {@code verified} bytes of the file
     * at {@code path} (all of them when {@code complete}).
     *
     * @param name the temporary file's name in the target root
     */
    public record Temp(String path, long size, long mtimeMillis, String name, long verified, boolean complete) {
        /** Returns whether this holds (a prefix of) the file {@code entry} describes: same size and mtime. */
        public boolean matches(ManifestEntry entry) {
            return entry.getSize() == size && entry.getMtimeMillis() == mtimeMillis;
        }
    }

    /** A path the job put in place; size and mtime only for regular files. */
    public record Placed(String path, ManifestEntry.Kind kind, long size, long mtimeMillis) {
        boolean matches(ManifestEntry entry) {
            return kind == ManifestEntry.Kind.REGULAR && entry.getSize() == size
                    && entry.getMtimeMillis() == mtimeMillis;
        }
    }

    private final Map<String, Temp> temps = new LinkedHashMap<>();
    private final Map<String, Placed> placed = new LinkedHashMap<>();
    private final Set<String> missing = new HashSet<>();

    /** Returns whether {@code name} is the name of a temporary file a session creates. */
    public static boolean isTempName(String name) {
        return TEMP_NAME.matcher(name).matches();
    }

    void put(Temp temp) {
        temps.put(temp.path(), temp);
    }

    void put(Placed entry) {
        placed.put(entry.path(), entry);
        missing.remove(entry.path());
    }

    /** Forgets the temporary file of {@code path}, if any. */
    void removeTemp(String path) {
        temps.remove(path);
    }

    void clearTemps() {
        temps.clear();
    }

    /** Returns the temporary file held for {@code path}. */
    public Optional<Temp> temp(String path) {
        return Optional.ofNullable(temps.get(path));
    }

    /** Returns what the job placed at {@code path}. */
    public Optional<Placed> placed(String path) {
        return Optional.ofNullable(placed.get(path));
    }

    /** Returns every temporary file held. */
    public Collection<Temp> temps() {
        return temps.values();
    }

    /** Returns every path the job placed. */
    public Collection<Placed> placedPaths() {
        return placed.values();
    }

    /** Returns whether the whole verified content of {@code entry} is held, in place or in a temporary file. */
    public boolean holdsComplete(ManifestEntry entry) {
        Temp temp = temps.get(entry.getPath());
        if (temp != null && temp.complete() && temp.matches(entry)) {
            return true;
        }
        Placed done = placed.get(entry.getPath());
        return done != null && done.matches(entry) && !missing.contains(done.path());
    }

    /** Returns the verified prefix held of {@code entry} in a temporary file; 0 if none. */
    public long heldPrefix(ManifestEntry entry) {
        Temp temp = temps.get(entry.getPath());
        return temp != null && !temp.complete() && temp.matches(entry) ? temp.verified() : 0;
    }

    /** Returns the claim the receiver sends: every file held complete, and every verified prefix. */
    public ResumeClaim claim() {
        ResumeClaim.Builder claim = ResumeClaim.newBuilder();
        for (Placed done : placed.values()) {
            Temp temp = temps.get(done.path());
            if (done.kind() == ManifestEntry.Kind.REGULAR && (temp == null || !temp.complete())
                    && !missing.contains(done.path())) {
                claim.addComplete(file(done.path(), done.size(), done.mtimeMillis(), done.size()));
            }
        }
        for (Temp temp : temps.values()) {
            ClaimedFile file = file(temp.path(), temp.size(), temp.mtimeMillis(), temp.verified());
            if (temp.complete()) {
                claim.addComplete(file);
            } else if (temp.verified() > 0) {
                claim.addPartial(file);
            }
        }
        return claim.build();
    }

    private static ClaimedFile file(String path, long size, long mtimeMillis, long verified) {
        return ClaimedFile.newBuilder().setPath(path).setSize(size).setMtimeMillis(mtimeMillis).setVerified(verified)
                .build();
    }

    /**
     * Drops what {@code root} no longer holds: a temporary file that is missing, not a regular
     * file, or shorter than its verified prefix is forgotten; a placed regular file that is
     * missing or has another size is no longer claimed, but stays known as the job's (so a target
     * that was briefly unmounted is still the job's own when it is back). What is dropped is
     * simply sent again.
     */
    public void reconcile(Path root) {
        temps.values().removeIf(temp -> {
            long length = regularSize(root.resolve(temp.name()));
            boolean held = temp.complete() ? length == temp.size() : length >= temp.verified();
            if (!held) {
                LOG.info(() -> "the journaled temporary file " + temp.name() + " is gone or short; sending it again");
            }
            return !held;
        });
        missing.clear();
        for (Placed done : placed.values()) {
            if (done.kind() == ManifestEntry.Kind.REGULAR && regularSize(root.resolve(done.path())) != done.size()) {
                missing.add(done.path());
            }
        }
    }

    /** Returns the size of the regular file at {@code path} (not following a link), or -1. */
    private static long regularSize(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes.size() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
