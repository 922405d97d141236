package io.sealift.control.jobs.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.sealift.control.api.ProblemException;
import io.sealift.control.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;

/** The REST endpoint of a job's task report, as JSON or CSV. Translates and delegates only. */
@Controller("/api/v1/tenants/{tenantId}/jobs/{jobId}/report")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Jobs")
public class JobReportController {
    private static final String CSV = "text/csv";

    private final JobReports reports;

    /** Creates the controller. */
    public JobReportController(JobReports reports) {
        this.reports = reports;
    }

    /** Returns the report in the format asked for: {@code ?format=}, else the Accept header, else JSON. */
    @Get(produces = {MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "getJobReport", summary = "Get a job's task report",
            description = "Role: auditor or higher. Files transferred, skipped and failed (failed by error code,"
                    + " with fixed wording), bytes, attempts and sessions, each agent's own counts and the session"
                    + " history. No file names: each agent keeps those in its local report (sealift-agent report)."
                    + " format=json (the default) or csv; without format, Accept: text/csv selects CSV.")
    @ApiResponse(responseCode = "200", description = "The report", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobReport.class)),
        @Content(mediaType = CSV, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "format is neither json nor csv")
    @ApiResponse(responseCode = "404", description = "Unknown, or another tenant's")
    public HttpResponse<?> report(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
            @PathVariable UUID jobId, @Nullable @QueryValue String format,
            @Parameter(hidden = true) @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        JobReport report = reports.report(caller, tenantId, jobId);
        if (!wantsCsv(format, accept)) {
            return HttpResponse.ok(report).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        return HttpResponse.ok(JobReportCsv.render(report))
                .contentType(CSV + "; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"job-" + jobId + "-report.csv\"");
    }

    private static boolean wantsCsv(@Nullable String format, @Nullable String accept) {
        if (format != null && !format.isEmpty()) {
            return switch (format) {
                case "json" -> false;
                case "csv" -> true;
                default -> throw ProblemException.badRequest("format: must be json or csv");
            };
        }
        return accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
    }
}
