package io.sealift.testsupport.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** One test connection to a proxy: sends in the background, reads with a bounded timeout. */
final class Client implements AutoCloseable {
    static final int READ_TIMEOUT_MILLIS = 5_000;

    private final Socket socket;

    private Client(Socket socket) {
        this.socket = socket;
    }

    static Client connect(FaultyProxy proxy) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        return new Client(socket);
    }

    Socket socket() {
        return socket;
    }

    /** Writes {@code data} on another thread, so large echoes cannot deadlock on full buffers. */
    CompletableFuture<Void> send(byte[] data) {
        return CompletableFuture.runAsync(() -> {
            try {
                socket.getOutputStream().write(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Reads exactly {@code length} bytes; fails on end of stream first. */
    byte[] read(int length) throws IOException {
        byte[] data = socket.getInputStream().readNBytes(length);
        if (data.length != length) {
            throw new AssertionError("end of stream after " + data.length + " of " + length + " bytes");
        }
        return data;
    }

    /** Reads until end of stream and returns everything read. */
    byte[] readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    /** Half-closes: tells the server nothing more is coming. */
    void finishSending() throws IOException {
        socket.shutdownOutput();
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
