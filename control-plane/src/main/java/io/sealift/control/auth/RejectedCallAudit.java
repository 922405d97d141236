package io.sealift.control.auth;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.security.authentication.Authentication;
import io.sealift.control.api.CorrelationIdFilter;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.audit.AuditLog;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits every state-changing REST call that did not succeed: a {@code POST}, {@code PUT},
 * {@code PATCH} or {@code DELETE} answered 4xx or 5xx is recorded as {@value #ACTION} with the
 * caller, the method and path, the status and the correlation id. Successful calls are audited
 * by their services with their own actions; 401 and 403 by {@link AccessAudit}, so they are not
 * recorded twice. (A call refused as out of the caller's scope, and a duplicate tenant name, have
 * both their specific record and this one: the decision, and the call's outcome.)
 *
 * <p>Records hold no request body and no header, so no secret can reach them. Thread-safe.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(-999) // just after CorrelationIdFilter, before security
public final class RejectedCallAudit {
    /** The action of a state-changing call that did not succeed. */
    public static final String ACTION = "api.rejected";
    private static final Logger LOG = LoggerFactory.getLogger(RejectedCallAudit.class);
    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final int MAX_ROUTE = 200;

    private final AuditLog log;

    /** Creates the filter over the audit log. */
    public RejectedCallAudit(AuditLog log) {
        this.log = log;
    }

    /** Records the call if it changed state, or tried to, and did not succeed. */
    @ResponseFilter
    public void audit(HttpRequest<?> request, HttpResponse<?> response) {
        int status = response.code();
        if (!STATE_CHANGING.contains(request.getMethod()) || status < 400 || status == 401 || status == 403) {
            return;
        }
        String correlationId = CorrelationIdFilter.of(request).orElse(null);
        Optional<Caller> caller = request.getUserPrincipal(Authentication.class)
                .flatMap(authentication -> Caller.from(authentication, correlationId == null ? "none" : correlationId));
        String actor = caller.map(Caller::actor).orElse("anonymous");
        // The caller's own tenant (null for platform admins, whose calls go to the platform chain).
        UUID tenant = caller.map(Caller::tenantId).orElse(null);
        String route = request.getMethodName() + " " + request.getPath();
        try {
            log.record(new AuditEntry(tenant, actor, ACTION, route.length() <= MAX_ROUTE ? route
                    : route.substring(0, MAX_ROUTE), status >= 500 ? "error" : "failure",
                    correlationId, Map.of("status", Integer.toString(status))));
        } catch (RuntimeException e) {
            LOG.error("audit record lost: {} {} {}", ACTION, route, status, e);
        }
    }
}
