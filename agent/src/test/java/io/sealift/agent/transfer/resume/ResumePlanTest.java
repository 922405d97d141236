package io.sealift.agent.transfer.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.proto.v1.ClaimedFile;
import io.sealift.proto.v1.ManifestEntry;
import io.sealift.proto.v1.ResumeClaim;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender trusts the receiver's claim only within its own manifest. */
class ResumePlanTest {
    private static final List<ManifestEntry> FILES = List.of(file("a", 100, 5), file("b", 100, 5), file("c", 100, 5),
            file("d", 100, 5));

    private static ManifestEntry file(String path, long size, long mtime) {
        return ManifestEntry.newBuilder().setPath(path).setKind(ManifestEntry.Kind.REGULAR).setSize(size)
                .setMtimeMillis(mtime).build();
    }

    private static ClaimedFile claimed(String path, long size, long mtime, long verified) {
        return ClaimedFile.newBuilder().setPath(path).setSize(size).setMtimeMillis(mtime).setVerified(verified).build();
    }

    private static ResumePlan plan(ResumeClaim claim) {
        return ResumePlan.of(FILES, claim, path -> true);
    }

    @Test
    void aFileClaimedCompleteWithTheSameSizeAndMtime_isNotSent() {
        ResumePlan plan = plan(ResumeClaim.newBuilder().addComplete(claimed("b", 100, 5, 100)).build());

        assertEquals(ResumePlan.Action.SEND, plan.action(0));
        assertEquals(ResumePlan.Action.HAVE, plan.action(1));
        assertTrue(plan.held(1));
    }

    @Test
    void aClaimOfAnotherSizeOrMtime_orOfAPathNotInTheManifest_countsForNothing() {
        ResumePlan plan = plan(ResumeClaim.newBuilder()
                .addComplete(claimed("a", 101, 5, 101))
                .addComplete(claimed("b", 100, 6, 100))
                .addComplete(claimed("zz", 100, 5, 100))
                .addPartial(claimed("c", 100, 4, 50))
                .build());

        for (int i = 0; i < FILES.size(); i++) {
            assertEquals(ResumePlan.Action.SEND, plan.action(i));
            assertEquals(0, plan.offset(i));
            assertFalse(plan.held(i));
        }
    }

    @Test
    void aVerifiedPrefix_isResumedOnlyWithinTheFilesSize() {
        ResumePlan plan = plan(ResumeClaim.newBuilder()
                .addPartial(claimed("a", 100, 5, 60))
                .addPartial(claimed("b", 100, 5, 101))
                .addPartial(claimed("c", 100, 5, -1))
                .addPartial(claimed("d", 100, 5, Long.MAX_VALUE))
                .build());

        assertEquals(60, plan.offset(0));
        assertEquals(0, plan.offset(1), "beyond the size: from the start");
        assertEquals(0, plan.offset(2), "negative: from the start");
        assertEquals(0, plan.offset(3));
    }

    @Test
    void filesOutsideTheScope_areSkipped_andRememberWhetherTheReceiverHoldsThem() {
        ResumePlan plan = ResumePlan.of(FILES, ResumeClaim.newBuilder().addComplete(claimed("a", 100, 5, 100)).build(),
                "c"::equals);

        assertEquals(ResumePlan.Action.SKIP, plan.action(0));
        assertTrue(plan.held(0));
        assertEquals(ResumePlan.Action.SKIP, plan.action(1));
        assertFalse(plan.held(1));
        assertEquals(ResumePlan.Action.SEND, plan.action(2));
    }
}
