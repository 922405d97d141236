package io.sealift.control.tokens;

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

/** REST endpoints for a tenant's staff API tokens. Translates and delegates only. */
@Controller("/api/v1/tenants/{tenantId}/api-tokens")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "API tokens")
public class ApiTokenController {
    private final ApiTokenService service;

    /** Creates the controller. */
    public ApiTokenController(ApiTokenService service) {
        this.service = service;
    }

    /** Mints a token. */
    @Post
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createApiToken", summary = "Mint an API token",
            description = "Role: owner or higher. The response holds the token's value; it is never shown again.")
    @ApiResponse(responseCode = "201", description = "Created")
    public IssuedApiTokenView create(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
            @Valid @Body CreateApiTokenRequest request) {
        return service.create(caller, tenantId, request);
    }

    /** Lists the tenant's tokens. */
    @Get
    @Operation(operationId = "listApiTokens", summary = "List API tokens",
            description = "Role: auditor or higher. Never shows values or hashes.")
    public List<ApiTokenView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId) {
        return service.list(caller, tenantId);
    }

    /** Revokes a token. */
    @Delete("/{tokenId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeApiToken", summary = "Revoke an API token",
            description = "Role: owner or higher. Idempotent.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "Unknown, or another tenant's")
    public void revoke(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
            @PathVariable UUID tokenId) {
        service.revoke(caller, tenantId, tokenId);
    }
}
