package io.sealift.agent.transfer.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.sealift.agent.testing.TamperingChannel;
import io.sealift.agent.testing.TestPeers;
import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.SealedFrame;
import io.sealift.proto.v1.TransferMessage;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The receiver's claim and outcome travel sealed; the relay learns their size to 4 KiB only. */
class SealedMessagesTest {
    private static final int FRAME = 1024;
    private static final SessionContext CONTEXT = TestPeers.context("job-sealed", 2);
    private final DataKey key = DataKey.generate(new SecureRandom());

    private static byte[] message(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private byte[] open(SealedStream stream, List<ByteString> frames) throws Exception {
        SealedMessages.Reader reader = new SealedMessages.Reader(key, CONTEXT, stream, FRAME, 1 << 20);
        for (ByteString frame : frames) {
            TransferMessage message = TransferMessage.parseFrom(frame);
            assertEquals(TransferMessage.KindCase.REPLY, message.getKindCase());
            reader.accept(message.getReply());
        }
        return reader.message();
    }

    @Test
    void aMessage_roundTrips_paddedToWholePages() throws Exception {
        for (int length : new int[] {0, 1, 4088, 4089, 10_000}) {
            byte[] message = message(length);
            List<ByteString> frames = SealedMessages.seal(key, CONTEXT, SealedStream.CLAIM, FRAME, message);

            assertEquals((Long.BYTES + length + 4095) / 4096 * 4096 / FRAME, frames.size(), "length " + length);
            assertArrayEquals(message, open(SealedStream.CLAIM, frames));
        }
    }

    @Test
    void aClaim_doesNotOpenAsAnOutcome_orAsContent() {
        List<ByteString> claim = SealedMessages.seal(key, CONTEXT, SealedStream.CLAIM, FRAME, message(100));

        assertTampered(() -> open(SealedStream.OUTCOME, claim));
        FrameOpener content = new FrameOpener(key, CONTEXT, FRAME);
        assertTampered(() -> content.open(TransferMessage.parseFrom(claim.get(0)).getReply(), new byte[FRAME]));
    }

    @Test
    void aFlippedByte_aDroppedOrReorderedFrame_orAnotherSession_isRefused() {
        List<ByteString> frames = SealedMessages.seal(key, CONTEXT, SealedStream.OUTCOME, FRAME, message(3000));

        assertTampered(() -> open(SealedStream.OUTCOME, List.of(TamperingChannel.flip(frames.get(1), 30, 1),
                frames.get(2), frames.get(3))));
        assertTampered(() -> open(SealedStream.OUTCOME, frames.subList(0, 3)));
        assertTampered(() -> open(SealedStream.OUTCOME, List.of(frames.get(1), frames.get(0), frames.get(2),
                frames.get(3))));
        SealedMessages.Reader other = new SealedMessages.Reader(key, TestPeers.context("job-sealed", 3),
                SealedStream.OUTCOME, FRAME, 1 << 20);
        assertTampered(() -> other.accept(TransferMessage.parseFrom(frames.get(0)).getReply()));
    }

    @Test
    void aMessageOverTheLimit_isRefusedBeforeItIsHeld() {
        List<ByteString> frames = SealedMessages.seal(key, CONTEXT, SealedStream.CLAIM, FRAME, message(9000));
        SealedMessages.Reader reader = new SealedMessages.Reader(key, CONTEXT, SealedStream.CLAIM, FRAME, 4000);

        assertTampered(() -> {
            for (ByteString frame : frames) {
                SealedFrame sealed = TransferMessage.parseFrom(frame).getReply();
                reader.accept(sealed);
            }
        });
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    private static void assertTampered(Call call) {
        TransferException e = assertThrows(TransferException.class, call::run);
        assertEquals(ErrorCode.TAMPERED, e.code(), e.getMessage());
    }
}
