package io.sealift.agent.transfer.format;

import com.google.protobuf.InvalidProtocolBufferException;
import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.Manifest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Encodes the manifest for the sealed stream, with the SHA-256 the header carries, and decodes it
 * on the receiver after checking that hash. Stateless.
 *
 * <p>The manifest is the one part of a session held whole in memory: it grows with the number of
 * entries (about 60 bytes each plus the path), never with the data. {@link #MAX_BYTES} bounds it.
 */
public final class ManifestCodec {
    /** The largest serialized manifest either side accepts: 64 MiB, about a million entries. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    private ManifestCodec() {
    }

    /** A serialized manifest and its SHA-256. */
    public record Encoded(byte[] bytes, byte[] sha256) {
    }

    /**
     * Serializes {@code manifest}.
     *
     * @throws TransferException with {@code INTERNAL} if it exceeds {@link #MAX_BYTES}
     */
    public static Encoded encode(Manifest manifest) throws TransferException {
        if (manifest.getSerializedSize() > MAX_BYTES) {
            throw new TransferException(ErrorCode.INTERNAL, "the manifest of " + manifest.getEntriesCount()
                    + " entries exceeds " + MAX_BYTES + " bytes");
        }
        byte[] bytes = manifest.toByteArray();
        return new Encoded(bytes, sha256(bytes));
    }

    /**
     * Parses {@code bytes} after checking them against the header's hash.
     *
     * @throws TransferException with {@code TAMPERED} if the hash differs or the bytes do not parse
     */
    public static Manifest decode(byte[] bytes, byte[] expectedSha256) throws TransferException {
        if (!MessageDigest.isEqual(sha256(bytes), expectedSha256)) {
            throw new TransferException(ErrorCode.TAMPERED, "the manifest does not match the header's hash");
        }
        try {
            return Manifest.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new TransferException(ErrorCode.TAMPERED, "the manifest does not parse");
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
