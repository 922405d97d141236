package io.sealift.agent.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealift.agent.transfer.report.ReportEntry;
import io.sealift.agent.transfer.report.ReportSummary;
import io.sealift.agent.transfer.report.TaskReports;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.TransferRole;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Prints task reports as text, JSON or CSV, streaming the file lines. Text escapes control
 * characters in file names (\n, \t, \xNN) so each file stays on one line; CSV quotes as
 * RFC 4180 says. Not thread-safe.
 */
final class ReportPrinter {
    /** One side's report to print. */
    record Report(ReportSummary summary, TransferRole role) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaskReports reports;
    private final String jobId;
    private final PrintWriter out;

    ReportPrinter(TaskReports reports, String jobId, PrintWriter out) {
        this.reports = reports;
        this.jobId = jobId;
        this.out = out;
    }

    void text(List<Report> found) {
        for (Report report : found) {
            ReportSummary s = report.summary();
            out.println("job " + s.jobId() + " as " + s.role() + ": session " + s.session() + " ("
                    + (s.scope().equals("all") ? "all files" : "failed files only") + "), updated " + s.updatedAt());
            out.println("  transferred " + s.transferred() + ", skipped " + s.skipped() + ", failed " + s.failed());
            reports.forEach(jobId, report.role(), entry -> out.printf("  %-12s %-18s %s%n", entry.status().label(),
                    entry.error().map(ErrorCode::name).orElse(""), escape(entry.path())));
        }
    }

    void json(List<Report> found) throws IOException {
        JsonGenerator json = new JsonFactory(JSON).createGenerator(out);
        json.useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeStringField("job", jobId);
        json.writeArrayFieldStart("reports");
        for (Report report : found) {
            json.writeStartObject();
            TaskReports.toJson(report.summary()).properties().forEach(field -> {
                if (!field.getKey().equals("job")) {
                    write(() -> json.writeObjectField(field.getKey(), field.getValue()));
                }
            });
            json.writeArrayFieldStart("files");
            reports.forEach(jobId, report.role(), entry -> write(() -> json.writeTree(TaskReports.toJson(entry))));
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
        out.println();
    }

    void csv(List<Report> found) {
        out.print("role,path,status,error,size,session\r\n");
        for (Report report : found) {
            reports.forEach(jobId, report.role(), entry -> out.print(csvRow(report.summary().role(), entry)));
        }
    }

    private static String csvRow(String role, ReportEntry entry) {
        return String.join(",", role, quote(entry.path()), entry.status().label(),
                entry.error().map(ErrorCode::name).orElse(""), Long.toString(entry.size()),
                Long.toString(entry.session())) + "\r\n";
    }

    /** Quotes {@code value} for CSV if it holds a comma, a quote or a line break. */
    static String quote(String value) {
        if (value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return value;
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /** Escapes backslashes and control characters, so a file name stays on one line. */
    static String escape(String name) {
        StringBuilder escaped = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\t' -> escaped.append("\\t");
                case '\r' -> escaped.append("\\r");
                default -> escaped.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return escaped.toString();
    }

    @FunctionalInterface
    private interface JsonWrite {
        void run() throws IOException;
    }

    private static void write(JsonWrite write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
