package io.sealift.testsupport.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the complete lines appended to a log file since it last looked, as {@code tail -f} does.
 *
 * <p>Not thread-safe. A missing file reads as empty; a file that shrank (replaced or truncated)
 * is read again from its start. A line without its newline yet is held back until it is complete.
 */
final class LogTail {
    private final Path log;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long position;

    private LogTail(Path log, long position) {
        this.log = log;
        this.position = position;
    }

    /** Returns a tail that skips what {@code log} holds now. */
    static LogTail fromEnd(Path log) {
        try {
            return new LogTail(log, Files.exists(log) ? Files.size(log) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the lines completed since the last call, without their line ends. */
    List<String> newLines() {
        List<String> lines = new ArrayList<>();
        for (byte b : readNew()) {
            if (b == '\n') {
                lines.add(stripCarriageReturn(partial.toString(StandardCharsets.UTF_8)));
                partial.reset();
            } else {
                partial.write(b);
            }
        }
        return lines;
    }

    private byte[] readNew() {
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            if (channel.size() < position) {
                position = 0;
                partial.reset();
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size() - position, 1 << 20));
            channel.read(buffer, position);
            position += buffer.position();
            return Arrays.copyOf(buffer.array(), buffer.position());
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
