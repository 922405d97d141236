package io.sealift.control.jobs;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.sealift.control.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;

/** REST endpoints for a tenant's migration jobs. Translates and delegates only. */
@Controller("/api/v1/tenants/{tenantId}/jobs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Jobs")
public class JobController {
    private final JobService service;

    /** Creates the controller. */
    public JobController(JobService service) {
        this.service = service;
    }

    /** Creates a job. */
    @Post
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createJob", summary = "Create a migration job",
            description = "Role: operator or higher. Names an agent and one of its declared source endpoints, and an"
                    + " agent and one of its declared target endpoints. The job is queued and assigned as soon as"
                    + " both agents are connected.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Unknown agent (AGENT_UNKNOWN), undeclared endpoint"
            + " (ENDPOINT_UNKNOWN), or the same agent and endpoint on both sides (SAME_ENDPOINT)")
    public JobView create(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
            @Valid @Body CreateJobRequest request) {
        return service.create(caller, tenantId, request);
    }

    /** Lists the tenant's jobs. */
    @Get
    @Operation(operationId = "listJobs", summary = "List jobs", description = "Role: auditor or higher. Newest first.")
    public List<JobView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId) {
        return service.list(caller, tenantId);
    }

    /** Returns one job. */
    @Get("/{jobId}")
    @Operation(operationId = "getJob", summary = "Get a job", description = "Role: auditor or higher.")
    @ApiResponse(responseCode = "404", description = "Unknown, or another tenant's")
    public JobView get(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
            @PathVariable UUID jobId) {
        return service.get(caller, tenantId, jobId);
    }

    /** Cancels a job. */
    @Post("/{jobId}/cancel")
    @Operation(operationId = "cancelJob", summary = "Cancel a job",
            description = "Role: operator or higher. Both agents are told to stop and remove their temporary files.")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "404", description = "Unknown, or another tenant's")
    @ApiResponse(responseCode = "409", description = "Already succeeded, failed or cancelled")
    public JobView cancel(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
            @PathVariable UUID jobId) {
        return service.cancel(caller, tenantId, jobId);
    }

    /** Retries the files that failed in a job that succeeded with errors. */
    @Post("/{jobId}/retry-failed")
    @Operation(operationId = "retryFailedFiles", summary = "Retry a job's failed files",
            description = "Role: operator or higher. Only for a job in state succeeded_with_errors: it is queued"
                    + " again (scope failed_files) and its next session transfers only the files that failed, as"
                    + " the agents' local reports list them. It ends succeeded, or succeeded_with_errors again.")
    @ApiResponse(responseCode = "200", description = "Queued again (or already running, if both agents are"
            + " connected)")
    @ApiResponse(responseCode = "404", description = "Unknown, or another tenant's")
    @ApiResponse(responseCode = "409", description = "The job is not succeeded_with_errors")
    public JobView retryFailed(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
            @PathVariable UUID jobId) {
        return service.retryFailed(caller, tenantId, jobId);
    }
}
