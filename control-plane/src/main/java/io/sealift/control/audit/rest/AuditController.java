package io.sealift.control.audit.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.sealift.audit.format.Chains;
import io.sealift.control.api.ProblemException;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.audit.AuditExport;
import io.sealift.control.audit.AuditExports;
import io.sealift.control.audit.AuditKey;
import io.sealift.control.audit.AuditLog;
import io.sealift.control.audit.ExportRequest;
import io.sealift.control.auth.Caller;
import io.sealift.control.auth.Role;
import io.sealift.control.tenants.TenantScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * REST endpoints of the audit log: the public key, and streamed exports of a tenant's chain
 * (auditor or higher) or of the global or platform chain (platform admins). Translates, checks
 * access and delegates to {@link AuditExports}.
 */
@Controller("/api/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
public class AuditController {
    private static final String JSONL = "application/x-ndjson";
    private static final String CSV = "text/csv";

    private final AuditExports exports;
    private final AuditKey key;
    private final TenantScope scope;
    private final AuditLog log;

    /** Creates the controller. */
    public AuditController(AuditExports exports, AuditKey key, TenantScope scope, AuditLog log) {
        this.exports = exports;
        this.key = key;
        this.scope = scope;
        this.log = log;
    }

    /** Returns the audit public key and its fingerprint. */
    @Get("/audit/key")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @SecurityRequirements
    @Operation(operationId = "getAuditKey", summary = "Get the audit public key",
            description = "No authentication. publicKey is standard base64 of the raw 32-byte Ed25519 key; the"
                    + " fingerprint is sha256: and the hex SHA-256 of those 32 bytes. Auditors pin the fingerprint.")
    public AuditKeyView key() {
        return AuditKeyView.of(key.publicKey());
    }

    /** Streams an export of a tenant's chain. */
    @Get(uri = "/tenants/{tenantId}/audit", produces = {JSONL, CSV})
    @Operation(operationId = "exportTenantAudit", summary = "Export a tenant's audit records",
            description = "Role: auditor or higher. from/to: sequence numbers in the tenant's chain or ISO-8601 UTC"
                    + " times, inclusive. JSON Lines carries the public key and signed checkpoints and verifies with"
                    + " `sealift-control audit verify`; CSV holds the same records.")
    @ApiResponse(responseCode = "200", description = "The export, streamed",
            content = {@Content(mediaType = JSONL, schema = @Schema(type = "string")),
                @Content(mediaType = CSV, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "404", description = "Unknown, or another tenant")
    public HttpResponse<InputStream> exportTenant(@Parameter(hidden = true) Caller caller,
            @PathVariable UUID tenantId, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
            @Nullable @QueryValue String format) {
        scope.require(caller, tenantId, Role.AUDITOR);
        return export(caller, tenantId, Chains.scopeOf(tenantId), from, to, format);
    }

    /** Streams an export of the global chain (every record) or of the platform chain. */
    @Get(uri = "/audit", produces = {JSONL, CSV})
    @Operation(operationId = "exportAudit", summary = "Export the whole audit log",
            description = "Role: platform-admin. chain: global (every tenant's records and the platform's, the"
                    + " default) or platform (records of no tenant). from/to as for a tenant's export.")
    @ApiResponse(responseCode = "200", description = "The export, streamed",
            content = {@Content(mediaType = JSONL, schema = @Schema(type = "string")),
                @Content(mediaType = CSV, schema = @Schema(type = "string"))})
    public HttpResponse<InputStream> exportAll(@Parameter(hidden = true) Caller caller,
            @Nullable @QueryValue String from, @Nullable @QueryValue String to, @Nullable @QueryValue String format,
            @Nullable @QueryValue String chain) {
        caller.require(Role.PLATFORM_ADMIN);
        String exported = chain == null || chain.isEmpty() ? Chains.GLOBAL : chain;
        if (!Chains.GLOBAL.equals(exported) && !Chains.PLATFORM.equals(exported)) {
            throw ProblemException.badRequest("chain: must be global or platform; a tenant's chain is exported at"
                    + " /api/v1/tenants/{tenantId}/audit");
        }
        return export(caller, null, exported, from, to, format);
    }

    private HttpResponse<InputStream> export(Caller caller, @Nullable UUID tenantId, String chain,
            @Nullable String from, @Nullable String to, @Nullable String format) {
        ExportRequest request;
        try {
            request = ExportRequest.parse(chain, from, to, format);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        log.record(new AuditEntry(tenantId, caller.actor(), "audit.export", "audit:" + chain, "success",
                caller.correlationId(), details(request, from, to)));
        AuditExport export = exports.open(request);
        return HttpResponse.ok(export.body())
                .contentType(export.format().mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + export.fileName() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static Map<String, String> details(ExportRequest request, @Nullable String from, @Nullable String to) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("format", request.format().extension());
        if (from != null && !from.isEmpty()) {
            details.put("from", from);
        }
        if (to != null && !to.isEmpty()) {
            details.put("to", to);
        }
        return details;
    }
}
