package io.sealift.agent.transfer.resume;

import io.sealift.proto.v1.ClaimedFile;
import io.sealift.proto.v1.ManifestEntry;
import io.sealift.proto.v1.ResumeClaim;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The sender's plan for the regular files of a session, from the receiver's claim and the
 * session's scope: each file is sent (from 0, or from a verified prefix the receiver holds),
 * announced as already held ({@code HAVE}), or skipped as outside the scope.
 *
 * <p>The claim comes from the receiver and is trusted only within the sender's own manifest: a
 * claimed file counts only with the same path, size and mtime as the re-walked source file, and
 * a claimed prefix only if it lies within that size; anything else is sent from 0. So a bogus
 * claim can at worst make the receiver miss files it lied about, never make the sender read
 * outside a file. Immutable.
 */
public final class ResumePlan {
    /** What the sender does with one file. */
    public enum Action {
        /** Send its bytes from {@link #offset}. */
        SEND,
        /** The receiver holds it complete: send nothing. */
        HAVE,
        /** Outside this session's scope: send nothing. */
        SKIP
    }

    private final Action[] actions;
    private final long[] offsets;
    private final boolean[] held;

    private ResumePlan(int files) {
        this.actions = new Action[files];
        this.offsets = new long[files];
        this.held = new boolean[files];
    }

    /**
     * Plans {@code files} (the manifest's regular files, in order).
     *
     * @param claim what the receiver says it holds
     * @param inScope whether a path is in this session's scope
     */
    public static ResumePlan of(List<ManifestEntry> files, ResumeClaim claim, Predicate<String> inScope) {
        Map<String, ClaimedFile> complete = byPath(claim.getCompleteList());
        Map<String, ClaimedFile> partial = byPath(claim.getPartialList());
        ResumePlan plan = new ResumePlan(files.size());
        for (int i = 0; i < files.size(); i++) {
            ManifestEntry entry = files.get(i);
            plan.held[i] = matches(complete.get(entry.getPath()), entry);
            if (!inScope.test(entry.getPath())) {
                plan.actions[i] = Action.SKIP;
            } else if (plan.held[i]) {
                plan.actions[i] = Action.HAVE;
            } else {
                plan.actions[i] = Action.SEND;
                plan.offsets[i] = prefix(partial.get(entry.getPath()), entry);
            }
        }
        return plan;
    }

    private static Map<String, ClaimedFile> byPath(List<ClaimedFile> claimed) {
        Map<String, ClaimedFile> byPath = new HashMap<>();
        for (ClaimedFile file : claimed) {
            byPath.putIfAbsent(file.getPath(), file);
        }
        return byPath;
    }

    private static boolean matches(ClaimedFile claimed, ManifestEntry entry) {
        return claimed != null && claimed.getSize() == entry.getSize()
                && claimed.getMtimeMillis() == entry.getMtimeMillis();
    }

    /** Returns the claimed verified prefix of {@code entry} if it is believable, else 0. */
    private static long prefix(ClaimedFile claimed, ManifestEntry entry) {
        if (!matches(claimed, entry) || claimed.getVerified() < 0 || claimed.getVerified() > entry.getSize()) {
            return 0;
        }
        return claimed.getVerified();
    }

    /** Returns what to do with file {@code i}. */
    public Action action(int i) {
        return actions[i];
    }

    /** Returns where to start sending file {@code i}: 0 unless the receiver holds a verified prefix. */
    public long offset(int i) {
        return offsets[i];
    }

    /** Returns whether the receiver holds file {@code i} complete (also when it is outside the scope). */
    public boolean held(int i) {
        return held[i];
    }
}
