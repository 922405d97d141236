package io.sealift.agent.transfer.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.sealift.agent.crypto.Fingerprint;
import io.sealift.agent.testing.TestPeers;
import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.AgentKeyBundle;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.Manifest;
import io.sealift.proto.v1.ManifestEntry;
import io.sealift.proto.v1.SignedKeyBundle;
import io.sealift.proto.v1.SignedTransferHeader;
import io.sealift.proto.v1.SignedTransferTrailer;
import io.sealift.proto.v1.TransferHeader;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SignedStructuresTest {
    private static final SessionContext CONTEXT = TestPeers.context("job-signed", 2);
    private static final byte[] SHA = new byte[32];
    private static final byte[] ROOT = new byte[32];
    private final PinnedPeer sender = TestPeers.pinnedSender();
    private final Fingerprint self = TestPeers.RECEIVER.fingerprint();

    private SignedTransferHeader header(SessionContext context) {
        return TransferHeaders.sign(context, new byte[] {1, 2, 3, 4}, SHA, 4096, self, TestPeers.SENDER);
    }

    private static void assertCode(ErrorCode code, Executable call) {
        TransferException e = assertThrows(TransferException.class, call);
        assertEquals(code, e.code(), e.getMessage());
    }

    @Test
    void aHeaderSignedByThePinnedSender_verifies() throws Exception {
        TransferHeader header = TransferHeaders.verify(header(CONTEXT), sender, CONTEXT, self);
        assertEquals("sealift.v1.TransferHeader", header.getPurpose());
        assertEquals(4096, header.getFrameSize());
        assertEquals(self.value(), header.getReceiverFingerprint());
    }

    @Test
    void everyFlippedByteOfTheHeaderOrItsSignature_isTampered() {
        SignedTransferHeader signed = header(CONTEXT);
        byte[] bytes = signed.getHeader().toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            SignedTransferHeader candidate = signed.toBuilder().setHeader(ByteString.copyFrom(tampered)).build();
            assertCode(ErrorCode.TAMPERED, () -> TransferHeaders.verify(candidate, sender, CONTEXT, self));
        }
        byte[] signature = signed.getSignature().toByteArray();
        for (int i = 0; i < signature.length; i++) {
            byte[] tampered = signature.clone();
            tampered[i] ^= 0x40;
            SignedTransferHeader candidate = signed.toBuilder().setSignature(ByteString.copyFrom(tampered)).build();
            assertCode(ErrorCode.TAMPERED, () -> TransferHeaders.verify(candidate, sender, CONTEXT, self));
        }
        assertCode(ErrorCode.TAMPERED, () -> TransferHeaders.verify(signed.toBuilder()
                .setHeader(signed.getHeader().concat(ByteString.copyFrom(new byte[] {0x08, 0x01}))).build(), sender,
                CONTEXT, self));
    }

    @Test
    void aHeaderSignedByAnotherKey_orForAnotherJobSessionOrAgent_isTampered() {
        SignedTransferHeader byStranger = TransferHeaders.sign(CONTEXT, new byte[] {1}, SHA, 4096, self, TestPeers.STRANGER);
        assertCode(ErrorCode.TAMPERED, () -> TransferHeaders.verify(byStranger, sender, CONTEXT, self));
        assertCode(ErrorCode.TAMPERED, () -> TransferHeaders.verify(header(TestPeers.context("job-other", 2)), sender,
                CONTEXT, self));
        assertCode(ErrorCode.TAMPERED, () -> TransferHeaders.verify(header(TestPeers.context("job-signed", 1)), sender,
                CONTEXT, self));
        SessionContext otherReceiver = new SessionContext("job-signed", 2, TestPeers.SENDER_ID, "someone-else");
        assertCode(ErrorCode.TAMPERED, () -> TransferHeaders.verify(header(otherReceiver), sender, CONTEXT, self));
        SessionContext otherSender = new SessionContext("job-signed", 2, "someone-else", TestPeers.RECEIVER_ID);
        assertCode(ErrorCode.TAMPERED, () -> TransferHeaders.verify(header(otherSender), sender, CONTEXT, self));
        SignedTransferHeader toOtherKey = TransferHeaders.sign(CONTEXT, new byte[] {1}, SHA, 4096,
                TestPeers.STRANGER.fingerprint(), TestPeers.SENDER);
        assertCode(ErrorCode.TAMPERED, () -> TransferHeaders.verify(toOtherKey, sender, CONTEXT, self));
        SignedTransferHeader hugeFrames = TransferHeaders.sign(CONTEXT, new byte[] {1}, SHA, 64 << 20, self,
                TestPeers.SENDER);
        assertCode(ErrorCode.TAMPERED, () -> TransferHeaders.verify(hugeFrames, sender, CONTEXT, self));
    }

    @Test
    void theTrailer_verifiesOnlyForTheFramesAndRootTheReceiverSaw() throws Exception {
        SignedTransferTrailer trailer = TransferTrailers.sign(CONTEXT, 9, ROOT, TestPeers.SENDER);
        TransferTrailers.verify(trailer, sender, CONTEXT, 9, ROOT);

        assertCode(ErrorCode.TAMPERED, () -> TransferTrailers.verify(trailer, sender, CONTEXT, 8, ROOT));
        byte[] otherRoot = ROOT.clone();
        otherRoot[31] = 1;
        assertCode(ErrorCode.TAMPERED, () -> TransferTrailers.verify(trailer, sender, CONTEXT, 9, otherRoot));
        assertCode(ErrorCode.TAMPERED, () -> TransferTrailers.verify(trailer, sender, TestPeers.context("job-x", 2), 9, ROOT));
        assertCode(ErrorCode.TAMPERED, () -> TransferTrailers.verify(
                TransferTrailers.sign(CONTEXT, 9, ROOT, TestPeers.STRANGER), sender, CONTEXT, 9, ROOT));
        byte[] bytes = trailer.getTrailer().toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x04;
            SignedTransferTrailer candidate = trailer.toBuilder().setTrailer(ByteString.copyFrom(tampered)).build();
            assertCode(ErrorCode.TAMPERED, () -> TransferTrailers.verify(candidate, sender, CONTEXT, 9, ROOT));
        }
    }

    @Test
    void theDataKeyUnwrapsOnlyForItsOwnJobSessionAndAgents() throws Exception {
        DataKey key = DataKey.generate(new SecureRandom());
        byte[] wrapped = DataKeyWrap.wrap(key, TestPeers.pinnedReceiver(), CONTEXT);

        DataKey unwrapped = DataKeyWrap.unwrap(wrapped, TestPeers.RECEIVER.hpkeKeyset(), CONTEXT);
        assertArrayEquals(key.secretBytes(), unwrapped.secretBytes());
        assertCode(ErrorCode.TAMPERED, () -> DataKeyWrap.unwrap(wrapped, TestPeers.RECEIVER.hpkeKeyset(),
                TestPeers.context("job-signed", 3)));
        assertCode(ErrorCode.TAMPERED, () -> DataKeyWrap.unwrap(wrapped, TestPeers.RECEIVER.hpkeKeyset(),
                new SessionContext("job-signed", 2, "someone-else", TestPeers.RECEIVER_ID)));
        assertCode(ErrorCode.TAMPERED, () -> DataKeyWrap.unwrap(wrapped, TestPeers.STRANGER.hpkeKeyset(), CONTEXT));
        for (int i = 0; i < wrapped.length; i++) {
            byte[] tampered = wrapped.clone();
            tampered[i] ^= 0x10;
            assertCode(ErrorCode.TAMPERED, () -> DataKeyWrap.unwrap(tampered, TestPeers.RECEIVER.hpkeKeyset(), CONTEXT));
        }
    }

    @Test
    void theHpkeContextInfo_isLengthPrefixedSoFieldsCannotShift() {
        SessionContext a = new SessionContext("ab", 1, "c", "d");
        SessionContext b = new SessionContext("a", 1, "bc", "d");
        assertFalse(java.util.Arrays.equals(a.hpkeContextInfo(), b.hpkeContextInfo()));
        byte[] info = new SessionContext("j", 258, "s", "r").hpkeContextInfo();
        byte[] expected = concat("sealift.v1.data-key".length(), "sealift.v1.data-key", 1, "j");
        assertArrayEquals(expected, java.util.Arrays.copyOf(info, expected.length));
    }

    private static byte[] concat(int labelLength, String label, int jobLength, String job) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(labelLength).array());
        out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(jobLength).array());
        out.writeBytes(job.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void everyFlippedByteOfTheManifest_failsItsHashCheck() throws Exception {
        Manifest manifest = Manifest.newBuilder()
                .addEntries(ManifestEntry.newBuilder().setPath("a").setKind(ManifestEntry.Kind.DIRECTORY).setMode(0755))
                .addEntries(ManifestEntry.newBuilder().setPath("a/b.txt").setKind(ManifestEntry.Kind.REGULAR)
                        .setMode(0644).setSize(10).setMtimeMillis(1_700_000_000_000L))
                .build();
        ManifestCodec.Encoded encoded = ManifestCodec.encode(manifest);
        assertEquals(manifest, ManifestCodec.decode(encoded.bytes(), encoded.sha256()));
        for (int i = 0; i < encoded.bytes().length; i++) {
            byte[] tampered = encoded.bytes().clone();
            tampered[i] ^= 0x01;
            assertCode(ErrorCode.TAMPERED, () -> ManifestCodec.decode(tampered, encoded.sha256()));
        }
    }

    @Test
    void aPeerIsTrustedOnlyIfItsBundleVerifiesAndItsFingerprintIsPinned() throws Exception {
        SignedKeyBundle receiverBundle = TestPeers.bundle(TestPeers.RECEIVER);
        List<Fingerprint> pins = List.of(TestPeers.RECEIVER.fingerprint());
        assertEquals(TestPeers.RECEIVER.fingerprint(), PinnedPeer.check("r", receiverBundle, pins, "pins").fingerprint());

        // A control plane that hands out another agent's (validly signed) bundle: not pinned.
        assertCode(ErrorCode.UNTRUSTED_KEY, () -> PinnedPeer.check("r", TestPeers.bundle(TestPeers.STRANGER), pins, "pins"));
        // A control plane that swaps the HPKE key inside the pinned agent's bundle: signature breaks.
        AgentKeyBundle swapped = AgentKeyBundle.parseFrom(receiverBundle.getBundle()).toBuilder()
                .setHpkePublicKey(ByteString.copyFrom(TestPeers.STRANGER.hpkePublicKey())).build();
        assertCode(ErrorCode.UNTRUSTED_KEY, () -> PinnedPeer.check("r",
                receiverBundle.toBuilder().setBundle(swapped.toByteString()).build(), pins, "pins"));
        // No pins: trust nobody.
        assertCode(ErrorCode.UNTRUSTED_KEY, () -> PinnedPeer.check("r", receiverBundle, List.of(), "pins"));
        assertCode(ErrorCode.UNTRUSTED_KEY, () -> PinnedPeer.check("r", SignedKeyBundle.getDefaultInstance(), pins, "pins"));
        TransferException e = assertThrows(TransferException.class,
                () -> PinnedPeer.check("r", TestPeers.bundle(TestPeers.STRANGER), pins, "recipients of source 'hr'"));
        assertTrue(e.getMessage().contains(TestPeers.STRANGER.fingerprint().value()), "the log names the refused key");
        assertFalse(e.retryable());
    }
}
