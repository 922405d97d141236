package io.sealift.control.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.sealift.control.api.CorrelationIdFilter;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.audit.AuditLog;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;

/**
 * Records refused REST requests in the audit log: missing or invalid tokens, roles too low,
 * and ids outside the caller's tenant.
 *
 * <p>Thread-safe. Records name the actor ({@code anonymous} or {@code token:<id>}), the method
 * and path, and the correlation id; never the presented token.
 */
@Singleton
public final class AccessAudit {
    /** Action of a request without a valid token. */
    public static final String UNAUTHENTICATED = "auth.unauthenticated";
    /** Action of a request whose token's role is too low. */
    public static final String FORBIDDEN = "auth.forbidden";
    /** Action of a request for another tenant's resources, answered as not found. */
    public static final String OUT_OF_SCOPE = "auth.out-of-scope";
    /** Outcome of every refused request. */
    public static final String DENIED = "denied";
    private static final int MAX_PATH = 200;

    private final AuditLog log;

    /** Creates the recorder over the audit log. */
    public AccessAudit(AuditLog log) {
        this.log = log;
    }

    /** Records a request that had no valid token. */
    public void unauthenticated(HttpRequest<?> request) {
        String reason = request.getHeaders().contains(HttpHeaders.AUTHORIZATION) ? "invalid-token" : "missing-token";
        log.record(new AuditEntry(null, "anonymous", UNAUTHENTICATED, route(request), DENIED,
                CorrelationIdFilter.of(request).orElse(null), Map.of("reason", reason)));
    }

    /** Records a request whose token's role is lower than {@code required}. */
    public void forbidden(HttpRequest<?> request, String actor, @Nullable UUID tenantId, String required) {
        log.record(new AuditEntry(tenantId, actor, FORBIDDEN, route(request), DENIED,
                CorrelationIdFilter.of(request).orElse(null), Map.of("required-role", required)));
    }

    /** Records that {@code caller} asked for something in {@code tenantId}, outside its scope. */
    public void outOfScope(Caller caller, UUID tenantId) {
        log.record(new AuditEntry(caller.tenantId(), caller.actor(), OUT_OF_SCOPE, "tenant:" + tenantId, DENIED,
                caller.correlationId(), Map.of()));
    }

    private static String route(HttpRequest<?> request) {
        String route = request.getMethodName() + " " + request.getPath();
        return route.length() <= MAX_PATH ? route : route.substring(0, MAX_PATH);
    }
}
