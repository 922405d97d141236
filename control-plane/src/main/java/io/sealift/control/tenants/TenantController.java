package io.sealift.control.tenants;

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

/** REST endpoints for tenants: {@code /api/v1/tenants}. Translates and delegates only. */
@Controller("/api/v1/tenants")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Tenants")
public class TenantController {
    private final TenantService service;

    /** Creates the controller. */
    public TenantController(TenantService service) {
        this.service = service;
    }

    /** Creates a tenant. */
    @Post
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createTenant", summary = "Create a tenant", description = "Role: platform-admin.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "409", description = "The name is taken")
    public TenantView create(@Parameter(hidden = true) Caller caller, @Valid @Body CreateTenantRequest request) {
        return service.create(caller, request);
    }

    /** Lists the tenants the caller may see. */
    @Get
    @Operation(operationId = "listTenants", summary = "List tenants",
            description = "A platform-admin sees all; any other token only its own.")
    public List<TenantView> list(@Parameter(hidden = true) Caller caller) {
        return service.list(caller);
    }

    /** Returns one tenant. */
    @Get("/{tenantId}")
    @Operation(operationId = "getTenant", summary = "Get a tenant",
            description = "Role: auditor or higher in the tenant.")
    @ApiResponse(responseCode = "404", description = "Unknown, or another tenant")
    public TenantView get(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId) {
        return service.get(caller, tenantId);
    }
}
