package io.sealift.testsupport.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a random loopback port that forwards raw bytes to one target and injects
 * network faults on demand: latency, a bandwidth cap, cuts, resets, stalls, and flipped, dropped
 * or duplicated bytes.
 *
 * <p>It never parses what it forwards, so it sits as well in front of a TLS or gRPC server as in
 * front of anything else; corrupting TLS traffic makes the receiving TLS stack fail, as it
 * should. Faults are set per direction through {@link #toServer()} and {@link #toClient()} and
 * apply to current and future connections; see {@link Link} for how offsets count.
 *
 * <p>Thread-safe. Each connection uses two daemon threads named
 * {@code faulty-proxy-<port>-<n>-to-server} and {@code -to-client}; the acceptor is
 * {@code faulty-proxy-<port>-accept}. {@link #close()} resets every connection and waits for
 * its threads at most {@link #CLOSE_TIMEOUT}, so a test cannot hang on it.
 *
 * <pre>{@code
 * try (FaultyProxy proxy = FaultyProxy.start("127.0.0.1", grpcPort)) {
 *     AgentProcess agent = AgentProcess.create(programs, home, proxy.address(), caFingerprint, config);
 *     proxy.toClient().latency(Duration.ofMillis(20)).bandwidth(256 * 1024);
 *     proxy.toServer().cutAfter(1 << 20);
 * }
 * }</pre>
 */
public final class FaultyProxy implements AutoCloseable {
    /** The longest {@link #close()} waits for the proxy's threads. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final int CHUNK_SIZE = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long ACCEPT_RETRY_MILLIS = 10;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Link toServer;
    private final Link toClient;
    private final Ticker ticker;
    private final ProxyThreads threads;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean refusing;
    private volatile boolean closed;

    private FaultyProxy(InetSocketAddress target, ServerSocket listener, Ticker ticker) {
        this.target = target;
        this.listener = listener;
        this.ticker = ticker;
        this.toServer = new Link(Direction.TO_SERVER, CHUNK_SIZE, ticker);
        this.toClient = new Link(Direction.TO_CLIENT, CHUNK_SIZE, ticker);
        this.threads = new ProxyThreads("faulty-proxy-" + listener.getLocalPort() + "-");
    }

    /**
     * Starts a proxy to {@code host:port} on a free port of 127.0.0.1.
     *
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static FaultyProxy start(String host, int port) {
        return start(new InetSocketAddress(host, port));
    }

    /** Starts a proxy to {@code target} on a free port of 127.0.0.1. */
    public static FaultyProxy start(InetSocketAddress target) {
        return start(target, Ticker.SYSTEM);
    }

    static FaultyProxy start(InetSocketAddress target, Ticker ticker) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultyProxy proxy = new FaultyProxy(target, listener, ticker);
            proxy.threads.start("accept", proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port for a proxy to " + target, e);
        }
    }

    /** Returns the port clients dial. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Returns {@code 127.0.0.1:<port>}, the address clients dial. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Returns the address it forwards to. */
    public InetSocketAddress target() {
        return target;
    }

    /** Returns the faults of the client-to-server direction. */
    public Link toServer() {
        return toServer;
    }

    /** Returns the faults of the server-to-client direction. */
    public Link toClient() {
        return toClient;
    }

    /** Returns the faults of {@code direction}. */
    public Link link(Direction direction) {
        return direction == Direction.TO_SERVER ? toServer : toClient;
    }

    /**
     * Refuses new connections while {@code refuse} holds: each is accepted and reset at once, so
     * the client sees its connection reset (not ECONNREFUSED). Current connections go on.
     */
    public FaultyProxy refuseNewConnections(boolean refuse) {
        this.refusing = refuse;
        return this;
    }

    /** Cuts every current connection now, cleanly: FIN to both peers. */
    public void cutAll() {
        connections.forEach(Connection::cut);
    }

    /** Resets every current connection now: RST to both peers. */
    public void resetAll() {
        connections.forEach(Connection::reset);
    }

    /** Removes every fault in both directions, releases every stall and accepts connections again. */
    public FaultyProxy clearFaults() {
        toServer.clear();
        toClient.clear();
        refusing = false;
        return this;
    }

    /** Returns the bytes forwarded in {@code direction}, over all connections. */
    public long bytesForwarded(Direction direction) {
        return link(direction).bytesForwarded();
    }

    /** Returns how many connections were accepted and forwarded (refused ones not counted). */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /** Returns how many connections were refused, or reset because the target could not be reached. */
    public long connectionsRefused() {
        return refused.get();
    }

    /** Returns how many connections are open now (cut ones count until both peers closed). */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Stops accepting, resets every connection and waits for the proxy's threads, at most
     * {@link #CLOSE_TIMEOUT}. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // The acceptor ends either way once the socket is unusable.
        }
        resetAll();
        toServer.wakeAll();
        toClient.wakeAll();
        threads.stopAll(CLOSE_TIMEOUT);
    }

    @Override
    public String toString() {
        return "FaultyProxy[" + address() + " -> " + target.getHostString() + ":" + target.getPort() + "]";
    }

    private void acceptLoop() {
        while (!closed && !Thread.currentThread().isInterrupted()) {
            try {
                handle(listener.accept());
            } catch (IOException e) {
                // A failed accept (a client gone early, no file descriptors) must not stop the
                // proxy; the pause keeps a persistent failure from spinning.
                if (!closed) {
                    pauseAfterFailedAccept();
                }
            }
        }
    }

    private void pauseAfterFailedAccept() {
        try {
            Thread.sleep(ACCEPT_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(Socket client) {
        if (refusing || closed) {
            refused.incrementAndGet();
            Connection.abort(client);
            return;
        }
        Socket server = new Socket();
        try {
            server.connect(target, CONNECT_TIMEOUT_MILLIS);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
        } catch (IOException e) {
            refused.incrementAndGet();
            Connection.abort(client);
            Connection.closeQuietly(server);
            return;
        }
        accepted.incrementAndGet();
        open(client, server);
    }

    private void open(Socket client, Socket server) {
        int id = nextId.incrementAndGet();
        Connection connection = new Connection(id, client, server, connections::remove);
        connections.add(connection);
        if (closed) {
            connection.reset();
            return;
        }
        try {
            Pump up = new Pump(connection, toServer, client, server, ticker, CHUNK_SIZE);
            Pump down = new Pump(connection, toClient, server, client, ticker, CHUNK_SIZE);
            threads.start(id + "-to-server", up);
            threads.start(id + "-to-client", down);
        } catch (IOException e) {
            connection.reset();
        }
    }
}
