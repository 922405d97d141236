package io.sealift.control.agents;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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
import java.util.List;
import java.util.UUID;

/** REST endpoints for a tenant's enrolled agents. Translates and delegates only. */
@Controller("/api/v1/tenants/{tenantId}/agents")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Agents")
public class AgentController {
    private final AgentService service;

    /** Creates the controller. */
    public AgentController(AgentService service) {
        this.service = service;
    }

    /** Lists the tenant's agents. */
    @Get
    @Operation(operationId = "listAgents", summary = "List agents", description = "Role: auditor or higher.")
    public List<AgentView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId) {
        return service.list(caller, tenantId);
    }

    /** Returns one agent. */
    @Get("/{agentId}")
    @Operation(operationId = "getAgent", summary = "Get an agent", description = "Role: auditor or higher.")
    @ApiResponse(responseCode = "404", description = "Unknown, or another tenant's")
    public AgentView get(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
            @PathVariable UUID agentId) {
        return service.get(caller, tenantId, agentId);
    }

    /** Revokes an agent. */
    @Delete("/{agentId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeAgent", summary = "Revoke an agent",
            description = "Role: owner or higher. Closes its connections; its certificate is refused from now on.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "Unknown, or another tenant's")
    public void revoke(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
            @PathVariable UUID agentId) {
        service.revoke(caller, tenantId, agentId);
    }
}
