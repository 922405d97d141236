package io.sealift.agent.transfer.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.proto.v1.ManifestEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetJournalTest {
    @TempDir
    Path dir;

    private static ManifestEntry file(String path, long size, long mtime) {
        return ManifestEntry.newBuilder().setPath(path).setKind(ManifestEntry.Kind.REGULAR).setSize(size)
                .setMtimeMillis(mtime).build();
    }

    private Path jobDir() {
        return dir.resolve("state/transfers/job");
    }

    @Test
    void records_areReadBack_theLastOneForAPathWinning() {
        try (TargetJournal journal = TargetJournal.open(jobDir())) {
            journal.recordTemp(new ResumeState.Temp("a", 10, 7, ".sealift-tmp-1-0", 4, false));
            journal.recordTemp(new ResumeState.Temp("a", 10, 7, ".sealift-tmp-1-0", 10, true));
            journal.recordTemp(new ResumeState.Temp("b", 20, 7, ".sealift-tmp-1-1", 12, false));
            journal.recordPlaced(new ResumeState.Placed("dir", ManifestEntry.Kind.DIRECTORY, 0, 3));
        }

        try (TargetJournal journal = TargetJournal.open(jobDir())) {
            ResumeState state = journal.state();
            assertTrue(state.holdsComplete(file("a", 10, 7)));
            assertFalse(state.holdsComplete(file("a", 10, 8)), "another mtime is another file");
            assertEquals(12, state.heldPrefix(file("b", 20, 7)));
            assertEquals(0, state.heldPrefix(file("b", 21, 7)));
            assertTrue(state.placed("dir").isPresent());
            assertEquals(1, state.claim().getCompleteCount());
            assertEquals(1, state.claim().getPartialCount());
        }
    }

    @Test
    void reconcile_dropsTemporaryFilesThatAreGoneOrShort_andStopsClaimingMissingPlacedFiles() throws Exception {
        Path root = Files.createDirectories(dir.resolve("target"));
        Files.write(root.resolve(".sealift-tmp-1-0"), new byte[10]);
        Files.write(root.resolve(".sealift-tmp-1-1"), new byte[5]);
        Files.write(root.resolve("placed"), new byte[3]);
        try (TargetJournal journal = TargetJournal.open(jobDir())) {
            journal.recordTemp(new ResumeState.Temp("a", 10, 7, ".sealift-tmp-1-0", 10, true));
            journal.recordTemp(new ResumeState.Temp("b", 20, 7, ".sealift-tmp-1-1", 12, false));
            journal.recordTemp(new ResumeState.Temp("c", 20, 7, ".sealift-tmp-1-2", 1, false));
            journal.recordPlaced(new ResumeState.Placed("placed", ManifestEntry.Kind.REGULAR, 3, 1));
            journal.recordPlaced(new ResumeState.Placed("gone", ManifestEntry.Kind.REGULAR, 3, 1));

            journal.reconcile(root);
        }

        try (TargetJournal journal = TargetJournal.open(jobDir())) {
            assertEquals(List.of("a"), journal.state().temps().stream().map(ResumeState.Temp::path).toList());
            journal.reconcile(root);
            assertTrue(journal.state().holdsComplete(file("placed", 3, 1)));
            assertFalse(journal.state().holdsComplete(file("gone", 3, 1)), "a missing file is not claimed");
            assertTrue(journal.state().placed("gone").isPresent(), "but stays known as the job's");
            assertEquals(2, journal.state().claim().getCompleteCount(), "a, in its temporary file, and placed");
        }
    }

    @Test
    void aRecordNamingATemporaryFileOutsideTheRoot_endsTheReadableJournal() throws Exception {
        try (TargetJournal journal = TargetJournal.open(jobDir())) {
            journal.recordTemp(new ResumeState.Temp("a", 10, 7, ".sealift-tmp-1-0", 10, true));
            journal.recordTemp(new ResumeState.Temp("b", 10, 7, "../../etc/passwd", 10, true));
            journal.recordTemp(new ResumeState.Temp("c", 10, 7, ".sealift-tmp-1-2", 10, true));
        }

        try (TargetJournal journal = TargetJournal.open(jobDir())) {
            assertEquals(List.of("a"), journal.state().temps().stream().map(ResumeState.Temp::path).toList());
        }
    }
}
