package io.sealift.control.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An input stream over lines produced on demand: each line is made, encoded as UTF-8 and
 * followed by a line feed only when the reader gets to it. The HTTP server reads it as the
 * client accepts bytes, so an export's memory does not grow with its length.
 *
 * <p>Not thread-safe. A failure while making a line (the database went away) ends the stream
 * with an {@link IOException}, so the client sees a cut response, never a silently short one.
 */
final class LineInputStream extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(LineInputStream.class);
    private static final byte[] EMPTY = new byte[0];

    private final Iterator<String> lines;
    private byte[] current = EMPTY;
    private int position;

    LineInputStream(Iterator<String> lines) {
        this.lines = lines;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < length && fill()) {
            int n = Math.min(length - copied, current.length - position);
            System.arraycopy(current, position, buffer, offset + copied, n);
            position += n;
            copied += n;
        }
        return copied == 0 ? -1 : copied;
    }

    private boolean fill() throws IOException {
        if (position < current.length) {
            return true;
        }
        try {
            if (!lines.hasNext()) {
                return false;
            }
            current = (lines.next() + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            LOG.error("an audit export failed part-way; the client receives a cut response", e);
            throw new IOException("the export failed part-way", e);
        }
        position = 0;
        return true;
    }
}
