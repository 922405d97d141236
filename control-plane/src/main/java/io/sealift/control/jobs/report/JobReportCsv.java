package io.sealift.control.jobs.report;

import io.micronaut.core.annotation.Nullable;
import io.sealift.control.api.CsvField;
import io.sealift.control.jobs.JobView;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link JobReport} as CSV (RFC 4180, CRLF line ends): one measure per row, so a spreadsheet
 * can filter and sum it, and reports of several jobs can be concatenated (without their headers).
 *
 * <p>Columns: {@value #HEADER}. {@code role}, {@code agent} and {@code session} are empty for the
 * job's own rows; {@code code} and {@code message} name an error code and its fixed wording. The
 * measures: {@code state}, {@code scope}, {@code attempts}, {@code sessions},
 * {@code attempts_without_progress}, {@code files_total}, {@code files_transferred},
 * {@code files_skipped}, {@code files_failed} (also once per code), {@code bytes_total},
 * {@code bytes_transferred}; per agent {@code outcome}, the file measures and
 * {@code bytes_transferred}; per session {@code session} (value: how it ended, or {@code running});
 * last a {@code note} (in {@code message}). Stateless.
 */
final class JobReportCsv {
    /** The header row. */
    static final String HEADER = "job,measure,role,agent,session,code,message,value";

    private JobReportCsv() {
    }

    /** Returns the whole CSV document. */
    static String render(JobReport report) {
        Rows rows = new Rows(report.jobId().toString());
        rows.job("state", report.state());
        rows.job("scope", report.scope());
        rows.job("attempts", report.attempts());
        rows.job("sessions", report.sessions());
        rows.job("attempts_without_progress", report.attemptsWithoutProgress());
        rows.job("files_total", report.files().total());
        rows.job("files_transferred", report.files().transferred());
        rows.job("files_skipped", report.files().skipped());
        rows.job("files_failed", report.files().failed());
        report.failures().forEach(f -> rows.add("files_failed", "", "", "", f.code(), f.message(), f.files()));
        rows.job("bytes_total", report.bytes().total());
        rows.job("bytes_transferred", report.bytes().transferred());
        report.agents().forEach(rows::agent);
        report.history().forEach(rows::session);
        rows.add("note", "", "", "", "", JobReport.NOTE, "");
        return rows.text();
    }

    /** The rows being written. */
    private static final class Rows {
        private final String job;
        private final List<String> lines = new ArrayList<>(List.of(HEADER));

        Rows(String job) {
            this.job = job;
        }

        void job(String measure, Object value) {
            add(measure, "", "", "", "", "", value);
        }

        void agent(JobReport.AgentPart agent) {
            String role = agent.role();
            String id = agent.agent().toString();
            String session = Long.toString(agent.session());
            add("outcome", role, id, session, code(agent.error()), message(agent.error()), agent.outcome());
            add("files_transferred", role, id, session, "", "", agent.filesTransferred());
            add("files_skipped", role, id, session, "", "", agent.filesSkipped());
            add("files_failed", role, id, session, "", "", agent.filesFailed());
            agent.failures().forEach(f -> add("files_failed", role, id, session, f.code(), f.message(), f.files()));
            add("bytes_transferred", role, id, session, "", "", agent.bytesTransferred());
        }

        void session(JobReport.Session session) {
            add("session", "", "", Long.toString(session.session()), code(session.error()), message(session.error()),
                    session.ending() == null ? "running" : session.ending());
        }

        void add(String measure, String role, String agent, String session, String code, String message,
                Object value) {
            lines.add(List.of(job, measure, role, agent, session, code, message, value.toString()).stream()
                    .map(CsvField::escape).collect(Collectors.joining(",")));
        }

        String text() {
            return String.join("\r\n", lines) + "\r\n";
        }

        private static String code(@Nullable JobView.Error error) {
            return error == null ? "" : error.code();
        }

        private static String message(@Nullable JobView.Error error) {
            return error == null ? "" : error.message();
        }
    }
}
