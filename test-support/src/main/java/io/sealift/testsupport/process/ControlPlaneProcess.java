package io.sealift.testsupport.process;

import io.sealift.testsupport.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The control plane launched from its built launcher as a child process, on loopback ports.
 *
 * <p>Not thread-safe. {@link #close()} kills it.
 */
public final class ControlPlaneProcess implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final SealiftPrograms programs;
    private final Path dataDir;
    private final int httpPort;
    private final int grpcPort;
    private final Path log;
    private final Map<String, String> environment;
    private ChildProcess process;

    private ControlPlaneProcess(SealiftPrograms programs, Path dataDir, int httpPort, int grpcPort, Path log,
            Map<String, String> environment) {
        this.programs = programs;
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.log = log;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Starts a control plane on {@code dataDir} and waits until its REST API answers.
     *
     * @param log the file its output is appended to, across restarts
     */
    public static ControlPlaneProcess start(SealiftPrograms programs, Path dataDir, int httpPort, int grpcPort,
            Path log, Map<String, String> environment) {
        ControlPlaneProcess controlPlane = new ControlPlaneProcess(programs, dataDir, httpPort, grpcPort, log,
                environment);
        controlPlane.launch();
        return controlPlane;
    }

    /** Starts it again on the same data directory and ports, after {@link #kill()}. */
    public void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("control plane still running");
        }
        launch();
    }

    private void launch() {
        List<String> command = List.of(programs.controlLauncher().toString(),
                "--data-dir", dataDir.toString(),
                "--http-port", Integer.toString(httpPort),
                "--grpc-port", Integer.toString(grpcPort));
        process = ChildProcess.start("sealift-control", command, dataDir.getParent(), log, environment);
        Await.until("the control plane's REST API on port " + httpPort, STARTUP, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("control plane exited:\n" + process.output());
            }
            return api().get("/api/v1/ca").status() == 200;
        });
    }

    /** Returns an unauthenticated REST client. */
    public RestClient api() {
        return RestClient.of(URI.create("http://127.0.0.1:" + httpPort));
    }

    /** Returns a REST client authenticated with the bootstrap platform-admin token. */
    public RestClient adminApi() {
        return api().withToken(bootstrapToken());
    }

    /** Returns the gRPC address agents dial, {@code 127.0.0.1:<port>}. */
    public String grpcAddress() {
        return "127.0.0.1:" + grpcPort;
    }

    /** Returns the CA fingerprint the control plane serves at {@code GET /api/v1/ca}. */
    public String caFingerprint() {
        return api().get("/api/v1/ca").expect(200).get("fingerprint").asText();
    }

    /** Returns the platform-admin token written to {@code <data-dir>/bootstrap-token}. */
    public String bootstrapToken() {
        try {
            return Files.readString(dataDir.resolve("bootstrap-token")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns its data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** Returns everything it has logged so far, across restarts. */
    public String output() {
        return process.output();
    }

    /** Kills it with SIGKILL. */
    public void kill() {
        process.kill();
    }

    /** Stops it with SIGTERM and returns its exit code. */
    public int terminate() {
        return process.terminate(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
