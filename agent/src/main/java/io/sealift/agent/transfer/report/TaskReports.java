package io.sealift.agent.transfer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealift.agent.state.StateException;
import io.sealift.agent.state.TransferJournal;
import io.sealift.agent.transfer.session.FileResults;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.ManifestEntry;
import io.sealift.proto.v1.TransferRole;
import io.sealift.proto.v1.TransferScope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The agents' task reports, one per job and side, with file names: they never leave the host.
 * {@code <jobDir>/source.report.jsonl} and {@code target.report.jsonl}, JSON Lines, 0600,
 * replaced atomically at the end of every session that ended well:
 *
 * <pre>
 * {"job":"&lt;id&gt;","role":"source","session":2,"scope":"all","updatedAt":"...","transferred":9,"skipped":0,"failed":1}
 * {"path":"docs/a.txt","status":"transferred","size":120,"session":1}
 * {"path":"docs/gone.txt","status":"failed","error":"FILE_VANISHED","size":77,"session":2}
 * </pre>
 *
 * <p>A session's results are merged into the job's report: files it sent, found held or failed
 * get their new status; files outside its scope keep their earlier line (or become
 * {@code skipped} if they have none); lines of files no longer in the source stay. Files are
 * listed in manifest order. Thread-safe: instances hold only the journal.
 */
public final class TaskReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TransferJournal journal;

    /** Returns the reports kept beside {@code journal}'s receipts. */
    public TaskReports(TransferJournal journal) {
        this.journal = journal;
    }

    /** Returns "source" or "target". */
    public static String roleName(TransferRole role) {
        return role == TransferRole.TRANSFER_ROLE_SOURCE ? "source" : "target";
    }

    /**
     * Returns the report file of {@code jobId} on side {@code role}; it may not exist.
     *
     * @throws StateException if the job id is unusable
     */
    public Path file(String jobId, TransferRole role) {
        return journal.jobDir(jobId).resolve(roleName(role) + ".report.jsonl");
    }

    /**
     * Merges a session's results into the job's report.
     *
     * @throws StateException if the report cannot be read or written
     */
    public void write(String jobId, TransferRole role, long session, TransferScope scope, Instant now,
            FileResults results) {
        Map<String, ReportEntry> earlier = new LinkedHashMap<>();
        forEach(jobId, role, entry -> earlier.put(entry.path(), entry));
        Map<String, ReportEntry> merged = new LinkedHashMap<>();
        for (int i = 0; i < results.files().size(); i++) {
            ManifestEntry file = results.files().get(i);
            ReportEntry entry = merge(results, i, earlier.remove(file.getPath()), session);
            if (entry != null) {
                merged.put(file.getPath(), entry);
            }
        }
        merged.putAll(earlier);
        long[] counts = new long[ReportEntry.Status.values().length];
        merged.values().forEach(entry -> counts[entry.status().ordinal()]++);
        ReportSummary summary = new ReportSummary(jobId, roleName(role), session,
                scope == TransferScope.TRANSFER_SCOPE_FAILED_FILES ? "failed_files" : "all", now,
                counts[ReportEntry.Status.TRANSFERRED.ordinal()], counts[ReportEntry.Status.SKIPPED.ordinal()],
                counts[ReportEntry.Status.FAILED.ordinal()]);
        journal.writeJobFile(jobId, roleName(role) + ".report.jsonl", out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(JSON.writeValueAsString(toJson(summary)) + "\n");
            for (ReportEntry entry : merged.values()) {
                writer.write(JSON.writeValueAsString(toJson(entry)) + "\n");
            }
            writer.flush();
        });
    }

    private static ReportEntry merge(FileResults results, int i, ReportEntry earlier, long session) {
        long size = results.files().get(i).getSize();
        String path = results.files().get(i).getPath();
        boolean earlierTransferred = earlier != null && earlier.status() == ReportEntry.Status.TRANSFERRED;
        return switch (results.status(i)) {
            case TRANSFERRED -> new ReportEntry(path, ReportEntry.Status.TRANSFERRED, Optional.empty(), size, session);
            case HELD, SKIPPED_HELD -> earlierTransferred ? earlier
                    : new ReportEntry(path, ReportEntry.Status.TRANSFERRED, Optional.empty(), size, session);
            case SKIPPED -> earlier != null ? earlier
                    : new ReportEntry(path, ReportEntry.Status.SKIPPED, Optional.empty(), size, session);
            case FAILED -> new ReportEntry(path, ReportEntry.Status.FAILED, results.error(i), size, session);
            case PENDING -> earlier;
        };
    }

    /**
     * Returns the first line of the job's report on side {@code role}, if there is a report.
     *
     * @throws StateException if it cannot be read or is damaged
     */
    public Optional<ReportSummary> summary(String jobId, TransferRole role) {
        Path file = file(jobId, role);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null) {
                throw new StateException(file + " is empty");
            }
            return Optional.of(summaryOf(JSON.readTree(first)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        }
    }

    /**
     * Hands every file line of the job's report on side {@code role} to {@code each}, in order,
     * streaming; nothing if there is no report.
     *
     * @throws StateException if it cannot be read or is damaged
     */
    public void forEach(String jobId, TransferRole role, Consumer<ReportEntry> each) {
        Path file = file(jobId, role);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                each.accept(entryOf(JSON.readTree(line)));
            }
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        }
    }

    /**
     * Returns the paths the job's report on side {@code role} lists as failed: what a session of
     * scope {@code TRANSFER_SCOPE_FAILED_FILES} sends.
     *
     * @throws StateException if the report cannot be read or is damaged
     */
    public Set<String> failedPaths(String jobId, TransferRole role) {
        Set<String> failed = new HashSet<>();
        forEach(jobId, role, entry -> {
            if (entry.status() == ReportEntry.Status.FAILED) {
                failed.add(entry.path());
            }
        });
        return failed;
    }

    private static StateException damaged(Path file, Exception e) {
        return e instanceof StateException state ? state
                : new StateException(file + " is unreadable or damaged: " + e.getMessage(), e);
    }

    /** Returns {@code summary} as the JSON object of a report's first line. */
    public static ObjectNode toJson(ReportSummary summary) {
        ObjectNode node = JSON.createObjectNode();
        node.put("job", summary.jobId());
        node.put("role", summary.role());
        node.put("session", summary.session());
        node.put("scope", summary.scope());
        node.put("updatedAt", summary.updatedAt().toString());
        node.put("transferred", summary.transferred());
        node.put("skipped", summary.skipped());
        node.put("failed", summary.failed());
        return node;
    }

    /** Returns {@code entry} as the JSON object of a report line. */
    public static ObjectNode toJson(ReportEntry entry) {
        ObjectNode node = JSON.createObjectNode();
        node.put("path", entry.path());
        node.put("status", entry.status().label());
        entry.error().ifPresent(code -> node.put("error", code.name()));
        node.put("size", entry.size());
        node.put("session", entry.session());
        return node;
    }

    private static ReportSummary summaryOf(JsonNode node) {
        return new ReportSummary(text(node, "job"), text(node, "role"), node.path("session").asLong(),
                text(node, "scope"), Instant.parse(text(node, "updatedAt")), node.path("transferred").asLong(),
                node.path("skipped").asLong(), node.path("failed").asLong());
    }

    private static ReportEntry entryOf(JsonNode node) {
        Optional<ErrorCode> error = node.hasNonNull("error")
                ? Optional.of(ErrorCode.valueOf(node.get("error").asText())) : Optional.empty();
        return new ReportEntry(text(node, "path"), ReportEntry.Status.of(text(node, "status")), error,
                node.path("size").asLong(), node.path("session").asLong());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("the field '" + field + "' is missing");
        }
        return value.asText();
    }
}
