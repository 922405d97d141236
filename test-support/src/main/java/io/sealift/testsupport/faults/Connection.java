package io.sealift.testsupport.faults;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One client connection and its connection to the target, with the two pumps between them.
 *
 * <p>Thread-safe: both pumps and the test thread (through the proxy) change its state. A
 * connection is open, then possibly cut (FIN sent both ways; the pumps drain and discard until
 * both peers close), and finally closed.
 */
final class Connection {
    private enum State { OPEN, CUT, CLOSED }

    private final int id;
    private final Socket client;
    private final Socket server;
    private final Consumer<Connection> onClosed;
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    private final AtomicInteger runningPumps = new AtomicInteger(2);

    Connection(int id, Socket client, Socket server, Consumer<Connection> onClosed) {
        this.id = id;
        this.client = client;
        this.server = server;
        this.onClosed = onClosed;
    }

    int id() {
        return id;
    }

    Socket client() {
        return client;
    }

    Socket server() {
        return server;
    }

    boolean isCut() {
        return state.get() == State.CUT;
    }

    boolean isClosed() {
        return state.get() == State.CLOSED;
    }

    /** Whether a pump should still forward bytes. */
    boolean isOpen() {
        return state.get() == State.OPEN;
    }

    /** Sends FIN to both peers; from now on the pumps discard what they read until each peer closes. */
    void cut() {
        if (state.compareAndSet(State.OPEN, State.CUT)) {
            shutdownOutput(client);
            shutdownOutput(server);
        }
    }

    /** Sends RST to both peers and closes both sockets. */
    void reset() {
        if (state.getAndSet(State.CLOSED) != State.CLOSED) {
            abort(client);
            abort(server);
            onClosed.accept(this);
        }
    }

    /** Passes a sender's clean end of stream on to {@code receiver}, as FIN. */
    void endOfInput(Socket receiver) {
        if (isOpen()) {
            shutdownOutput(receiver);
        }
    }

    /** Called by each pump as it ends; the second closes the connection. */
    void pumpEnded() {
        if (runningPumps.decrementAndGet() == 0 && state.getAndSet(State.CLOSED) != State.CLOSED) {
            closeQuietly(client);
            closeQuietly(server);
            onClosed.accept(this);
        }
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", " + state.get() + "]";
    }

    private static void shutdownOutput(Socket socket) {
        try {
            if (!socket.isOutputShutdown()) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            // The peer is already gone; there is no one left to tell.
        }
    }

    /** Closes {@code socket} with SO_LINGER 0, which makes the kernel send RST instead of FIN. */
    static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed: nothing to reset.
        }
        closeQuietly(socket);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is best effort; the socket is unusable either way.
        }
    }
}
