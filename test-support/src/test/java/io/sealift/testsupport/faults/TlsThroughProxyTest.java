package io.sealift.testsupport.faults;

import static io.sealift.testsupport.faults.Client.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS (a self-signed certificate made with keytool) through the proxy. */
class TlsThroughProxyTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    private static SSLContext tls;
    private EchoServer echo;
    private FaultyProxy proxy;

    @BeforeAll
    static void makeCertificate() throws Exception {
        tls = selfSignedContext(dir.resolve("echo.p12"));
    }

    @BeforeEach
    void start() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        echo = EchoServer.start(tls.getServerSocketFactory().createServerSocket(0, 50, loopback));
        proxy = FaultyProxy.start(echo.address());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void aTlsSession_passesThroughUnmodified_withItsHostnameVerified() throws Exception {
        byte[] data = randomBytes(200_000, 1);
        try (SSLSocket socket = connect()) {
            socket.getOutputStream().write(data);
            assertArrayEquals(data, socket.getInputStream().readNBytes(data.length));
        }
        assertTrue(proxy.bytesForwarded(Direction.TO_SERVER) > data.length, "records and handshake add bytes");
    }

    @Test
    void aBitFlippedInsideARecord_isCaughtByTheReceivingTlsStack() throws Exception {
        try (SSLSocket socket = connect()) {
            socket.getOutputStream().write(new byte[] {1});
            assertEquals(1, socket.getInputStream().read());

            proxy.toServer().flipBit(10, 0);
            socket.getOutputStream().write(new byte[100]);
            InputStream in = socket.getInputStream();
            assertThrows(IOException.class, () -> in.readNBytes(100));
        }
        EchoServer.Ended ended = echo.nextEnded(WAIT);
        assertInstanceOf(SSLException.class, ended.error());
    }

    private SSLSocket connect() throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", proxy.port());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(Client.READ_TIMEOUT_MILLIS);
        socket.startHandshake();
        return socket;
    }

    /** Makes a self-signed EC certificate for 127.0.0.1 with keytool; trusts only it. */
    private static SSLContext selfSignedContext(Path keystore) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "echo",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("keytool failed:\n" + output);
        }
        KeyStore store = KeyStore.getInstance(keystore.toFile(), PASSWORD);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
