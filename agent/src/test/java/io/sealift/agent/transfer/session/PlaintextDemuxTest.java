package io.sealift.agent.transfer.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sealift.agent.testing.TestTrees;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.ManifestCodec;
import io.sealift.agent.transfer.resume.ResumeState;
import io.sealift.agent.transfer.resume.TargetJournal;
import io.sealift.agent.transfer.tree.TempFileOpener;
import io.sealift.agent.transfer.tree.TreeWriter;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.Manifest;
import io.sealift.proto.v1.ManifestEntry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender's file records are believed only where the receiver's own journal agrees: a broken or
 * hostile sender cannot make the receiver place a file it does not hold, resume from bytes it
 * never verified, or skip files in a session of the whole tree.
 */
class PlaintextDemuxTest {
    private static final ManifestEntry A = ManifestEntry.newBuilder().setPath("a").setKind(ManifestEntry.Kind.REGULAR)
            .setSize(10).setMtimeMillis(5).setMode(0644).build();
    private static final ManifestEntry B = ManifestEntry.newBuilder().setPath("b").setKind(ManifestEntry.Kind.REGULAR)
            .setSize(0).setMtimeMillis(5).setMode(0644).build();

    @TempDir
    Path dir;

    private Path root;
    private TargetJournal journal;
    private ManifestCodec.Encoded manifest;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(dir.resolve("target"));
        journal = TargetJournal.open(dir.resolve("state/job"));
        manifest = ManifestCodec.encode(Manifest.newBuilder().addEntries(A).addEntries(B).build());
    }

    @AfterEach
    void close() {
        journal.close();
    }

    /** Returns the stream: manifest, then {@code records}. */
    private byte[] stream(Records records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(manifest.bytes().length);
        out.write(manifest.bytes());
        records.write(out);
        return bytes.toByteArray();
    }

    @FunctionalInterface
    private interface Records {
        void write(DataOutputStream out) throws IOException;
    }

    private TreeWriter writer;

    private PlaintextDemux demux(boolean skipsAllowed) {
        writer = new TreeWriter(root, 2, TempFileOpener.real(), journal, 1 << 20);
        return new PlaintextDemux(manifest.sha256(), writer, journal.state(), skipsAllowed, new TransferProgress());
    }

    private void assertTampered(boolean skipsAllowed, Records records) throws IOException {
        byte[] bytes = stream(records);
        PlaintextDemux demux = demux(skipsAllowed);
        TransferException e = assertThrows(TransferException.class, () -> {
            demux.accept(bytes, 0, bytes.length);
            demux.finish();
        });
        assertEquals(ErrorCode.TAMPERED, e.code(), e.getMessage());
        writer.suspend();
    }

    private static void sendA(DataOutputStream out, long offset) throws IOException {
        out.writeByte(FileRecords.SEND);
        out.writeLong(offset);
        out.write(new byte[(int) (10 - offset)]);
        out.writeByte(FileRecords.DONE);
    }

    @Test
    void aWellFormedStream_isAccepted() throws Exception {
        byte[] bytes = stream(out -> {
            sendA(out, 0);
            out.writeByte(FileRecords.FAILED);
            out.writeInt(ErrorCode.FILE_VANISHED.getNumber());
        });
        PlaintextDemux demux = demux(false);
        demux.accept(bytes, 0, bytes.length);
        demux.finish();

        assertEquals(FileResults.Status.TRANSFERRED, demux.results().status(0));
        assertEquals(FileResults.Status.FAILED, demux.results().status(1));
    }

    @Test
    void haveForAFileTheJournalDoesNotHold_isTampered() throws Exception {
        assertTampered(false, out -> {
            out.writeByte(FileRecords.HAVE);
            out.writeByte(FileRecords.HAVE);
        });
    }

    @Test
    void resumingBeyondTheVerifiedPrefixHeld_orWithoutOne_isTampered() throws Exception {
        assertTampered(false, out -> sendA(out, 4));
        Files.write(root.resolve(".sealift-tmp-1-0"), new byte[3]);
        journal.recordTemp(new ResumeState.Temp("a", 10, 5, ".sealift-tmp-1-0", 3, false));
        assertTampered(false, out -> sendA(out, 4));
        assertTampered(false, out -> {
            out.writeByte(FileRecords.SEND);
            out.writeLong(11);
        });
    }

    @Test
    void skippingFilesInASessionOfTheWholeTree_isTampered() throws Exception {
        assertTampered(false, out -> {
            out.writeByte(FileRecords.SKIP);
            out.writeByte(FileRecords.SKIP);
        });
    }

    @Test
    void aFailureWithACodeThatIsNotPerFile_isTampered() throws Exception {
        assertTampered(false, out -> {
            out.writeByte(FileRecords.FAILED);
            out.writeInt(ErrorCode.UNTRUSTED_KEY.getNumber());
        });
    }

    @Test
    void marksOutOfPlace_unknownOperations_missingOrExtraRecords_areTampered() throws Exception {
        assertTampered(false, out -> {
            out.writeByte(FileRecords.SEND);
            out.writeLong(0);
            out.write(new byte[10]);
            out.writeByte(FileRecords.MORE);
        });
        assertTampered(false, out -> {
            out.writeByte(FileRecords.SEND);
            out.writeLong(0);
            out.writeByte(FileRecords.DONE);
        });
        assertTampered(false, out -> out.writeByte(9));
        assertTampered(false, out -> sendA(out, 0));
        assertTampered(true, out -> {
            sendA(out, 0);
            out.writeByte(FileRecords.SKIP);
            out.writeByte(FileRecords.SKIP);
        });
        assertEquals(List.of(), TestTrees.list(root).stream().filter(n -> !n.startsWith(".sealift-tmp-")).toList());
    }
}
