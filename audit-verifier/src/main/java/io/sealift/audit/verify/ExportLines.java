package io.sealift.audit.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads an export one line at a time, splitting on line feeds before decoding, so that a bad
 * byte is reported on its own line. Each line is decoded as strict UTF-8; one carriage return
 * before the line feed is dropped.
 *
 * <p>Not thread-safe. Holds one line in memory at a time.
 */
final class ExportLines {
    /** No valid line comes near this; a longer one is refused instead of buffered. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private long number;

    ExportLines(InputStream in) {
        this.in = in;
    }

    /** A line that is too long or not UTF-8. */
    static final class BadLineException extends Exception {
        private static final long serialVersionUID = 1L;

        BadLineException(String message) {
            super(message, null, false, false);
        }
    }

    /** Returns the number of the line {@link #next()} returned last, from 1. */
    long number() {
        return number;
    }

    /** Returns the next line without its terminator, or {@code null} at the end. */
    String next() throws IOException, BadLineException {
        line.reset();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        number++;
        for (; b >= 0 && b != '\n'; b = in.read()) {
            if (line.size() == MAX_LINE_BYTES) {
                throw new BadLineException("the line is longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        return decode(line.toByteArray());
    }

    private static String decode(byte[] bytes) throws BadLineException {
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadLineException("the line is not valid UTF-8");
        }
    }
}
