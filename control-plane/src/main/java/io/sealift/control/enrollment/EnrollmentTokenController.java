package io.sealift.control.enrollment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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

/** REST endpoints for a tenant's agent enrollment tokens. Translates and delegates only. */
@Controller("/api/v1/tenants/{tenantId}/enrollment-tokens")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Enrollment tokens")
public class EnrollmentTokenController {
    private final EnrollmentTokenService service;

    /** Creates the controller. */
    public EnrollmentTokenController(EnrollmentTokenService service) {
        this.service = service;
    }

    /** Creates a token. */
    @Post
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createEnrollmentToken", summary = "Create an enrollment token",
            description = "Role: operator or higher. Single use; ttlSeconds 60..86400, 900 if omitted."
                    + " The response holds the token's value; it is never shown again.")
    @ApiResponse(responseCode = "201", description = "Created")
    public IssuedEnrollmentTokenView create(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
            @Valid @Body @Nullable CreateEnrollmentTokenRequest request) {
        return service.create(caller, tenantId, request == null ? new CreateEnrollmentTokenRequest(null) : request);
    }

    /** Lists the tenant's tokens. */
    @Get
    @Operation(operationId = "listEnrollmentTokens", summary = "List enrollment tokens",
            description = "Role: auditor or higher. state is active, used, expired or revoked.")
    public List<EnrollmentTokenView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId) {
        return service.list(caller, tenantId);
    }

    /** Revokes a token. */
    @Delete("/{tokenId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeEnrollmentToken", summary = "Revoke an enrollment token",
            description = "Role: operator or higher. Idempotent.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "Unknown, or another tenant's")
    public void revoke(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
            @PathVariable UUID tokenId) {
        service.revoke(caller, tenantId, tokenId);
    }
}
