package io.sealift.agent.transfer.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.Manifest;
import io.sealift.proto.v1.ManifestEntry;
import io.sealift.proto.v1.ManifestEntry.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValidatedManifestTest {
    private static ManifestEntry dir(String path) {
        return ManifestEntry.newBuilder().setPath(path).setKind(Kind.DIRECTORY).setMode(0755).build();
    }

    private static ManifestEntry file(String path, long size) {
        return ManifestEntry.newBuilder().setPath(path).setKind(Kind.REGULAR).setMode(0644).setSize(size).build();
    }

    private static ManifestEntry link(String path, String target) {
        return ManifestEntry.newBuilder().setPath(path).setKind(Kind.SYMLINK).setMode(0777).setLinkTarget(target).build();
    }

    private static Manifest manifest(ManifestEntry... entries) {
        return Manifest.newBuilder().addAllEntries(java.util.List.of(entries)).build();
    }

    private static void assertRefused(Manifest manifest) {
        TransferException e = assertThrows(TransferException.class, () -> ValidatedManifest.validate(manifest));
        assertEquals(ErrorCode.TAMPERED, e.code());
    }

    @Test
    void aNormalTree_isAccepted_withItsTotals() throws Exception {
        ValidatedManifest valid = ValidatedManifest.validate(manifest(dir("a"), file("a/x", 5), dir("a/b"),
                file("a/b/y", 7), link("a/up", "../lib"), link("abs", "/etc/passwd"), file("z", 0)));
        assertEquals(3, valid.regularFiles().size());
        assertEquals(12, valid.totalBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/etc/x", "a/../../x", "a/./x", "a//x", "a/", "", "..", ".", "x/..", "a\0b",
            ".sealift-tmp-1-0"})
    void hostilePaths_areRefused(String path) {
        assertRefused(manifest(dir("a"), file(path, 1)));
    }

    @Test
    void entriesBelowASymlink_orBelowAFile_orBeforeTheirParent_areRefused() {
        assertRefused(manifest(link("a", "/etc"), file("a/passwd", 1)));
        assertRefused(manifest(file("a", 1), file("a/b", 1)));
        assertRefused(manifest(file("a/b", 1), dir("a")));
        assertRefused(manifest(file("missing/b", 1)));
    }

    @Test
    void duplicatePaths_areRefused_whatever_theirKind() {
        assertRefused(manifest(file("a", 1), file("a", 1)));
        assertRefused(manifest(dir("a"), file("a", 1)));
        assertRefused(manifest(dir("a"), link("a", "b")));
    }

    @Test
    void impossibleKindsSizesModesAndTargets_areRefused() {
        assertRefused(manifest(ManifestEntry.newBuilder().setPath("x").setKind(Kind.KIND_UNSPECIFIED).build()));
        assertRefused(manifest(file("x", -1)));
        assertRefused(manifest(dir("x").toBuilder().setSize(3).build()));
        assertRefused(manifest(file("x", 1).toBuilder().setMode(-1).build()));
        assertRefused(manifest(file("x", 1).toBuilder().setMode(010000).build()));
        assertRefused(manifest(link("x", "")));
        assertRefused(manifest(file("x", 1).toBuilder().setLinkTarget("y").build()));
        assertRefused(manifest(file("a", Long.MAX_VALUE), file("b", 1)));
        assertRefused(manifest(file("x".repeat(256), 1)));
    }

    @Test
    void theRefusal_namesTheEntryAndTheRule_butTheCodeIsAllThatLeaves() {
        TransferException e = assertThrows(TransferException.class,
                () -> ValidatedManifest.validate(manifest(dir("a"), file("a/../../etc/cron.d/x", 1))));
        assertTrue(e.getMessage().contains("entry 1"), e.getMessage());
        assertTrue(e.getMessage().contains("'..'"), e.getMessage());
    }
}
