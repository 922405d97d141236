package io.sealift.agent.transfer.session;

import io.sealift.agent.transfer.resume.TargetJournal;
import io.sealift.agent.transfer.tree.TempFileOpener;
import java.nio.file.Path;

/**
 * Where a receiver session writes. Immutable (the journal is the session's to use).
 *
 * @param root the target endpoint's directory, already checked by {@code TargetCheck}
 * @param opener creates the temporary files
 * @param journal the job's journal of what the target holds
 * @param skipsAllowed whether the sender may skip files as outside the session's scope (a
 *     session of the job's failed files only)
 */
public record TargetTree(Path root, TempFileOpener opener, TargetJournal journal, boolean skipsAllowed) {
}
