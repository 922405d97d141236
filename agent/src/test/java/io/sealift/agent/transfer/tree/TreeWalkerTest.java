package io.sealift.agent.transfer.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sealift.agent.testing.TestTrees;
import io.sealift.agent.transfer.Cancellation;
import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.Manifest;
import io.sealift.proto.v1.ManifestEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWalkerTest {
    @TempDir
    Path dir;

    private Manifest walk(Path root, List<String> excludes) throws TransferException {
        return new TreeWalker(root, ExcludeRules.of(excludes), new Cancellation()).walk();
    }

    private static List<String> paths(Manifest manifest) {
        return manifest.getEntriesList().stream().map(e -> e.getKind().name().charAt(0) + " " + e.getPath()).toList();
    }

    @Test
    void theManifest_listsEveryKind_parentsFirst_inADeterministicOrder() throws Exception {
        Path root = dir.resolve("src");
        TestTrees.sample(root, 1024, 1);

        Manifest manifest = walk(root, List.of());

        assertEquals(List.of("S absolute-link", "S dangling", "S dir-link", "D docs", "D empty-dir", "R empty.txt",
                "R one.bin", "D docs/deep", "R docs/exact-frame.bin", "S docs/link-up", "R docs/over-frame.bin",
                "R docs/report.txt", "R docs/under-frame.bin", "D docs/deep/er", "D docs/deep/er/still",
                "R docs/deep/er/still/big.bin"), paths(manifest));
        assertEquals(manifest, walk(root, List.of()), "walking again gives the same manifest");
        ManifestEntry report = manifest.getEntriesList().stream().filter(e -> e.getPath().equals("docs/report.txt"))
                .findFirst().orElseThrow();
        assertEquals(0444, report.getMode());
        assertEquals(1_500_000_000_000L, report.getMtimeMillis());
        assertEquals(18, report.getSize());
        ManifestEntry link = manifest.getEntriesList().stream().filter(e -> e.getPath().equals("dir-link"))
                .findFirst().orElseThrow();
        assertEquals("docs", link.getLinkTarget());
        assertEquals(0750, manifest.getEntriesList().stream().filter(e -> e.getPath().equals("docs/deep"))
                .findFirst().orElseThrow().getMode());
    }

    @Test
    void symlinksToDirectories_areRecorded_neverFollowed() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "not part of the source");
        Path root = Files.createDirectories(dir.resolve("src"));
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertEquals(List.of("S escape"), paths(walk(root, List.of())));
    }

    @Test
    void excludes_matchNamesAtAnyDepth_orPathsFromTheRoot_andSkipWholeDirectories() throws Exception {
        Path root = dir.resolve("src");
        Files.createDirectories(root.resolve("cache/sub"));
        Files.createDirectories(root.resolve("keep/cache"));
        Files.writeString(root.resolve("a.tmp"), "x");
        Files.writeString(root.resolve("keep/b.tmp"), "x");
        Files.writeString(root.resolve("keep/c.txt"), "x");
        Files.writeString(root.resolve("cache/sub/d.txt"), "x");
        Files.writeString(root.resolve("keep/cache/e.txt"), "x");

        assertEquals(List.of("D cache", "D keep", "D cache/sub", "R cache/sub/d.txt", "R keep/c.txt", "D keep/cache",
                "R keep/cache/e.txt"), paths(walk(root, List.of("*.tmp"))));
        assertEquals(List.of("D cache", "D keep", "D cache/sub", "R cache/sub/d.txt", "R keep/c.txt"),
                paths(walk(root, List.of("*.tmp", "keep/cache"))));
        assertEquals(List.of("D keep", "R keep/c.txt"), paths(walk(root, List.of("*.tmp", "cache"))));
    }

    @Test
    void aMissingSourceRoot_isPermissionDenied() {
        TransferException e = assertThrows(TransferException.class, () -> walk(dir.resolve("nope"), List.of()));
        assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    }

    @Test
    void aCancelledWalk_stops() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        assertThrows(TransferException.class, () -> new TreeWalker(dir, ExcludeRules.none(), cancellation).walk());
    }
}
