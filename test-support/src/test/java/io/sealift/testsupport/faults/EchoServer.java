package io.sealift.testsupport.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback server that echoes every byte back and reports, per connection, what it received
 * and how the connection ended.
 */
final class EchoServer implements AutoCloseable {
    private final ServerSocket listener;
    private final BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();

    private EchoServer(ServerSocket listener) {
        this.listener = listener;
        Thread acceptor = new Thread(this::acceptLoop, "echo-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static EchoServer start() throws IOException {
        return new EchoServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** Echoes on {@code listener}, which may be an {@code SSLServerSocket}. */
    static EchoServer start(ServerSocket listener) {
        return new EchoServer(listener);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** Waits for the next connection to end and returns what it received. */
    Ended nextEnded(Duration timeout) throws InterruptedException {
        Ended next = ended.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no connection to the echo server ended within " + timeout);
        }
        return next;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread echo = new Thread(() -> echo(socket), "echo-server-connection");
                echo.setDaemon(true);
                echo.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void echo(Socket socket) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        IOException error = null;
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                received.write(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            error = e;
        }
        ended.add(new Ended(received.toByteArray(), error));
    }

    /**
     * How one connection ended.
     *
     * @param received every byte it read
     * @param error why it ended, or null for a clean end of stream
     */
    record Ended(byte[] received, IOException error) {
    }
}
