package io.sealift.agent.transfer.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.crypto.tink.subtle.Ed25519Verify;
import io.sealift.agent.testing.TestPeers;
import io.sealift.agent.testing.TestTrees;
import io.sealift.agent.testing.TransferRun;
import io.sealift.proto.v1.Receipt;
import io.sealift.proto.v1.TransferRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void aTree_arrivesExactly_withModesTimesLinksAndEmptyEntries_andBothSidesSignMatchingReceipts() throws Exception {
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        Files.createDirectories(target);
        TestTrees.sample(source, 1024, 42);

        TransferRun run = new TransferRun(source, target, dir.resolve("state"));
        TransferRun.Result result = run.run();

        assertNull(result.sender().failure(), () -> "sender: " + result.sender().failure());
        assertNull(result.receiver().failure(), () -> "receiver: " + result.receiver().failure());
        TestTrees.assertSameTree(source, target);
        Receipt sent = verify(result.sender().outcome().receipt(), TestPeers.SENDER.identityPublicKey());
        Receipt received = verify(result.receiver().outcome().receipt(), TestPeers.RECEIVER.identityPublicKey());
        assertEquals(TransferRole.TRANSFER_ROLE_SOURCE, sent.getRole());
        assertEquals(TransferRole.TRANSFER_ROLE_TARGET, received.getRole());
        assertEquals(TestPeers.SENDER_ID, sent.getAgentId());
        assertEquals(TestPeers.RECEIVER_ID, received.getAgentId());
        assertEquals(sent.getCiphertextRoot(), received.getCiphertextRoot());
        assertEquals(7, received.getFiles());
        assertEquals(sent.getFiles(), received.getFiles());
        assertEquals(sent.getBytes(), received.getBytes());
        assertEquals(List.of(), TestTrees.list(target).stream().filter(n -> n.startsWith(".")).toList());
        assertEquals(received.getBytes(), run.receiverProgress.snapshot().bytesDone());
        assertEquals(received.getFiles(), run.senderProgress.snapshot().filesDone());
    }

    @Test
    void namesOutsideAscii_andNamesWithSpacesAndNewlines_arriveAsTheyLeft() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source/répertoire ünïcode"));
        Files.writeString(source.resolve("résumé-日本語.txt"), "ça va");
        Files.writeString(source.resolve("line\nbreak and space"), "odd but legal");
        Files.createSymbolicLink(source.resolve("lien→"), Path.of("résumé-日本語.txt"));
        Path target = Files.createDirectories(dir.resolve("target"));

        TransferRun.Result result = new TransferRun(dir.resolve("source"), target, dir.resolve("state")).run();

        assertNull(result.receiver().failure(), () -> "receiver: " + result.receiver().failure());
        TestTrees.assertSameTree(dir.resolve("source"), target);
    }

    private static Receipt verify(io.sealift.proto.v1.SignedReceipt signed, byte[] key) throws Exception {
        new Ed25519Verify(key).verify(signed.getSignature().toByteArray(), signed.getReceipt().toByteArray());
        Receipt receipt = Receipt.parseFrom(signed.getReceipt());
        assertEquals("sealift.v1.Receipt", receipt.getPurpose());
        return receipt;
    }
}
