package io.sealift.control.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.sealift.audit.format.ExportLine;
import io.sealift.audit.format.ExportedRecord;
import io.sealift.control.ControlPlaneMain;
import io.sealift.control.testing.JavaProcess;
import io.sealift.control.testing.RestClient;
import io.sealift.control.testing.SharedPostgres;
import io.sealift.testsupport.FreePorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The real control plane in its own process, 16 clients whose requests each append an audit
 * record (8 in the platform chain, 8 in two tenants' chains), a SIGKILL in the middle of it, a
 * restart on the same store: every chain still verifies with {@code sealift-control audit
 * verify}, the global sequence has no gap (the verifier checks every number), and every request
 * that was answered has its record.
 */
class AuditKillTest {
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final int WRITERS = 16;
    private static final int ANSWERED_BEFORE_KILL = 600;

    @TempDir
    Path dataDir;
    @TempDir
    Path exports;

    @Test
    void sixteenWritersAndSigkill_onH2_leaveVerifiableGaplessChains() throws Exception {
        runAndKill(Map.of());
    }

    @Test
    void sixteenWritersAndSigkill_onPostgres_leaveVerifiableGaplessChains() throws Exception {
        String url = SharedPostgres.freshDatabaseUrl();
        runAndKill(Map.of("DATASOURCES_DEFAULT_URL", url, "DATASOURCES_DEFAULT_USERNAME", "postgres",
                "DATASOURCES_DEFAULT_PASSWORD", ""));
    }

    private void runAndKill(Map<String, String> environment) throws Exception {
        int port = FreePorts.next();
        RestClient rest = new RestClient(URI.create("http://127.0.0.1:" + port + "/"), JsonMapper.createDefault());
        Set<String> answered = ConcurrentHashMap.newKeySet();
        List<UUID> tenants = new ArrayList<>();
        try (JavaProcess controlPlane = start(port, environment)) {
            String admin = adminToken();
            List<String> auditors = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                UUID tenant = UUID.fromString(rest.post("api/v1/tenants", admin,
                        "{\"name\":\"kill-" + i + "\"}").field("id"));
                tenants.add(tenant);
                auditors.add(rest.post("api/v1/tenants/" + tenant + "/api-tokens", admin, "{\"role\":\"auditor\"}")
                        .field("token"));
            }
            storm(rest, tenants, auditors, answered, controlPlane);
        }

        try (JavaProcess restarted = start(port, environment)) {
            String fingerprint = rest.get("api/v1/audit/key", null).field("fingerprint");
            String admin = adminToken();
            List<String> global = verifyExport(rest, "api/v1/audit", admin, fingerprint);
            for (UUID tenant : tenants) {
                verifyExport(rest, "api/v1/tenants/" + tenant + "/audit", admin, fingerprint);
            }
            Set<String> recorded = correlationIds(global);
            List<String> lost = answered.stream().filter(id -> !recorded.contains(id)).toList();
            assertTrue(lost.isEmpty(), "answered requests without an audit record: " + lost);
            assertTrue(restarted.awaitExit(Duration.ZERO).isEmpty(), restarted::output);
        }
    }

    private void storm(RestClient rest, List<UUID> tenants, List<String> auditors, Set<String> answered,
            JavaProcess controlPlane) throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            pool.execute(() -> {
                for (int i = 0; ; i++) {
                    String id = "kill-" + writer + "-" + i;
                    try {
                        int status = request(rest, writer, tenants, auditors, id);
                        if (status == 401 || status == 403) {
                            answered.add(id);
                        }
                    } catch (RuntimeException e) {
                        return;
                    }
                    if (count.incrementAndGet() >= ANSWERED_BEFORE_KILL) {
                        enough.countDown();
                    }
                }
            });
        }
        boolean reached = enough.await(3, TimeUnit.MINUTES);
        controlPlane.kill();
        pool.shutdown();
        assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES), "writers did not stop after the kill");
        assertTrue(reached, () -> "only " + count.get() + " requests were answered:\n" + controlPlane.output());
    }

    private static int request(RestClient rest, int writer, List<UUID> tenants, List<String> auditors, String id) {
        if (writer % 2 == 0) {
            return rest.send("GET", "api/v1/tenants", "slt_" + "K".repeat(43), null, null,
                    Map.of("X-Correlation-Id", id)).status();
        }
        int t = writer / 2 % tenants.size();
        return rest.send("POST", "api/v1/tenants/" + tenants.get(t) + "/api-tokens", auditors.get(t),
                "application/json", "{\"role\":\"auditor\"}", Map.of("X-Correlation-Id", id)).status();
    }

    private List<String> verifyExport(RestClient rest, String path, String token, String fingerprint)
            throws IOException {
        RestClient.Response response = rest.get(path, token);
        assertEquals(200, response.status(), response::toString);
        Path file = Files.createTempFile(exports, "export", ".jsonl");
        Files.writeString(file, response.body(), StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new ControlPlaneMain());
        command.setOut(new PrintWriter(out, true));
        int status = command.execute("audit", "verify", file.toString(), "--key-fingerprint", fingerprint);
        assertEquals(0, status, () -> path + ": " + out);
        assertTrue(out.toString().contains("checkpoints: valid"), out::toString);
        return List.of(response.body().split("\n"));
    }

    private static Set<String> correlationIds(List<String> lines) {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        for (String line : lines) {
            try {
                if (ExportLine.parse(line) instanceof ExportedRecord record && record.record().correlationId() != null) {
                    ids.add(record.record().correlationId());
                }
            } catch (io.sealift.audit.format.FormatException e) {
                throw new AssertionError(line, e);
            }
        }
        return ids;
    }

    private JavaProcess start(int port, Map<String, String> environment) throws InterruptedException {
        JavaProcess controlPlane = JavaProcess.start(ControlPlaneMain.class, List.of("--data-dir", dataDir.toString(),
                "--http-port", Integer.toString(port), "--grpc-port", "0"), environment);
        Optional<String> started = controlPlane.awaitLine(l -> l.contains("Startup completed"), STARTUP);
        if (started.isEmpty()) {
            controlPlane.close();
            throw new AssertionError("the control plane did not start:\n" + controlPlane.output());
        }
        return controlPlane;
    }

    private String adminToken() {
        try {
            return Files.readString(dataDir.resolve("bootstrap-token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
