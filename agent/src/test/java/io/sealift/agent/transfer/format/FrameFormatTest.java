package io.sealift.agent.transfer.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.sealift.agent.testing.TestPeers;
import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.SealedFrame;
import io.sealift.proto.v1.TransferMessage;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameFormatTest {
    private static final int FRAME = 1024;
    private static final SessionContext CONTEXT = TestPeers.context("job-frames", 5);
    private final DataKey key = DataKey.generate(new SecureRandom());
    private final byte[] plaintext = new byte[FRAME * 3 + 100];

    FrameFormatTest() {
        new Random(1).nextBytes(plaintext);
    }

    /** Seals {@link #plaintext} as frames of {@link #FRAME} bytes; the last is short. */
    private List<ByteString> seal(DataKey with, SessionContext context) {
        FrameSealer sealer = new FrameSealer(with, context, FRAME);
        List<ByteString> frames = new ArrayList<>();
        for (int offset = 0; offset < plaintext.length; offset += FRAME) {
            int length = Math.min(FRAME, plaintext.length - offset);
            byte[] chunk = new byte[FRAME];
            System.arraycopy(plaintext, offset, chunk, 0, length);
            frames.add(sealer.seal(chunk, length, offset + length == plaintext.length));
        }
        return frames;
    }

    private static SealedFrame frame(ByteString message) throws InvalidProtocolBufferException {
        return TransferMessage.parseFrom(message).getFrame();
    }

    /** Opens {@code frames} in order; returns the plaintext. */
    private static byte[] open(FrameOpener opener, List<ByteString> frames) throws Exception {
        byte[] out = new byte[0];
        byte[] buffer = new byte[FRAME];
        for (ByteString message : frames) {
            int n = opener.open(frame(message), buffer);
            byte[] grown = new byte[out.length + n];
            System.arraycopy(out, 0, grown, 0, out.length);
            System.arraycopy(buffer, 0, grown, out.length, n);
            out = grown;
        }
        return out;
    }

    @Test
    void framesOpenInOrder_andBothSidesComputeTheSameRoot() throws Exception {
        FrameSealer sealer = new FrameSealer(key, CONTEXT, FRAME);
        List<ByteString> frames = new ArrayList<>();
        for (int offset = 0; offset < plaintext.length; offset += FRAME) {
            int length = Math.min(FRAME, plaintext.length - offset);
            byte[] chunk = java.util.Arrays.copyOfRange(plaintext, offset, offset + FRAME);
            frames.add(sealer.seal(chunk, length, offset + length == plaintext.length));
        }
        FrameOpener opener = new FrameOpener(key, CONTEXT, FRAME);

        assertArrayEquals(plaintext, open(opener, frames));
        assertTrue(opener.finished());
        assertEquals(4, opener.frames());
        assertArrayEquals(sealer.root(), opener.root());
        assertArrayEquals(expectedRoot(frames), opener.root());
    }

    /** The root as transfer.proto defines it: SHA-256 over (index BE, tag) of every frame. */
    private static byte[] expectedRoot(List<ByteString> frames) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (ByteString message : frames) {
            SealedFrame frame = frame(message);
            sha.update(java.nio.ByteBuffer.allocate(8).putLong(frame.getIndex()).array());
            ByteString ct = frame.getCiphertext();
            sha.update(ct.substring(ct.size() - 16).toByteArray());
        }
        return sha.digest();
    }

    @Test
    void theHandWrittenFrameEncoding_isExactlyWhatProtobufWrites() throws Exception {
        for (ByteString message : seal(key, CONTEXT)) {
            SealedFrame frame = frame(message);
            assertEquals(TransferMessage.newBuilder().setFrame(frame).build().toByteString(), message);
        }
    }

    @Test
    void everyFlippedByteOfAFrameMessage_isRejected() throws Exception {
        List<ByteString> frames = seal(key, CONTEXT);
        for (int victim : new int[] {0, 3}) {
            ByteString original = frames.get(victim);
            for (int i = 0; i < original.size(); i++) {
                for (int mask : new int[] {0x01, 0x80}) {
                    byte[] bytes = original.toByteArray();
                    bytes[i] ^= (byte) mask;
                    List<ByteString> tampered = new ArrayList<>(frames);
                    tampered.set(victim, ByteString.copyFrom(bytes));
                    assertRejected(tampered, "frame " + victim + " byte " + i + " mask " + mask);
                }
            }
        }
    }

    private void assertRejected(List<ByteString> frames, String what) {
        FrameOpener opener = new FrameOpener(key, CONTEXT, FRAME);
        try {
            open(opener, frames);
        } catch (InvalidProtocolBufferException e) {
            return;
        } catch (TransferException e) {
            assertEquals(ErrorCode.TAMPERED, e.code(), what);
            return;
        } catch (Exception e) {
            throw new AssertionError(what, e);
        }
        throw new AssertionError(what + " was accepted");
    }

    @Test
    void droppedDuplicatedReorderedOrTruncatedFrames_areRejectedOrLeaveTheStreamUnfinished() {
        List<ByteString> frames = seal(key, CONTEXT);
        assertRejected(List.of(frames.get(0), frames.get(2), frames.get(3)), "dropped");
        assertRejected(List.of(frames.get(0), frames.get(0), frames.get(1)), "duplicated");
        assertRejected(List.of(frames.get(1), frames.get(0)), "reordered");
        assertRejected(List.of(frames.get(0), frames.get(1), frames.get(2), frames.get(3), frames.get(3)),
                "after the last");

        FrameOpener truncated = new FrameOpener(key, CONTEXT, FRAME);
        assertThrows(IllegalStateException.class, () -> {
            open(truncated, frames.subList(0, 3));
            truncated.root();
        });
        assertFalse(truncated.finished(), "a stream without its last frame never finishes");
    }

    @Test
    void aFrameWithItsIndexOrLastFlagRewritten_failsAuthentication() throws Exception {
        List<ByteString> frames = seal(key, CONTEXT);
        SealedFrame second = frame(frames.get(1));
        SealedFrame last = frame(frames.get(3));
        assertRejected(List.of(frames.get(0), message(second.toBuilder().setIndex(2)), frames.get(2)), "index moved");
        assertRejected(List.of(frames.get(0), frames.get(1), frames.get(2), message(last.toBuilder().setLast(false))),
                "last flag cleared");
        SealedFrame third = frame(frames.get(2));
        assertRejected(List.of(frames.get(0), frames.get(1), message(third.toBuilder().setLast(true))),
                "last flag set early");
        assertRejected(List.of(frames.get(0), message(second.toBuilder()
                .setCiphertext(second.getCiphertext().substring(0, 100)))), "ciphertext cut");
    }

    private static ByteString message(SealedFrame.Builder frame) {
        return TransferMessage.newBuilder().setFrame(frame).build().toByteString();
    }

    @Test
    void framesFromAnotherJobOrSessionUnderTheSameKey_orUnderAnotherKey_areRejected() {
        List<ByteString> otherJob = seal(key, TestPeers.context("job-other", 5));
        List<ByteString> otherSession = seal(key, TestPeers.context("job-frames", 6));
        List<ByteString> otherKey = seal(DataKey.generate(new SecureRandom()), CONTEXT);
        List<ByteString> mine = seal(key, CONTEXT);
        assertRejected(otherJob, "another job");
        assertRejected(otherSession, "another session");
        assertRejected(otherKey, "another key");
        assertRejected(List.of(mine.get(0), otherSession.get(1)), "a frame spliced in from another session");
    }

    @Test
    void theSealerRefusesFramesOfTheWrongSize_andFramesAfterTheLast() {
        FrameSealer sealer = new FrameSealer(key, CONTEXT, FRAME);
        assertThrows(IllegalStateException.class, () -> sealer.seal(new byte[FRAME], FRAME - 1, false));
        assertThrows(IllegalStateException.class, () -> sealer.seal(new byte[FRAME], 0, true));
        sealer.seal(new byte[FRAME], 5, true);
        assertThrows(IllegalStateException.class, () -> sealer.seal(new byte[FRAME], 5, true));
        assertThrows(IllegalArgumentException.class, () -> new FrameSealer(key, CONTEXT, 100));
    }

    @Test
    void aDestroyedKeyCannotBeUsed_andNoKeyEverPrintsItsBytes() {
        DataKey doomed = DataKey.generate(new SecureRandom());
        assertEquals("DataKey[hidden]", doomed.toString());
        doomed.destroy();
        assertTrue(doomed.isDestroyed());
        assertThrows(IllegalStateException.class, () -> new FrameSealer(doomed, CONTEXT, FRAME));
    }
}
