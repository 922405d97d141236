package io.sealift.control.api;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the caller's {@value #HEADER} when it is a sane token
 * (1 to 64 characters of {@code [A-Za-z0-9._-]}), else a fresh UUID. It is echoed in the
 * response header, written into problem documents and into every audit record of the request.
 *
 * <p>Runs before security, so refused requests carry the id too. Thread-safe.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(CorrelationIdFilter.ORDER)
public final class CorrelationIdFilter {
    /** The request and response header. */
    public static final String HEADER = "X-Correlation-Id";
    /** {@code ServerFilterPhase.FIRST.order()}: before metrics, tracing and security. */
    static final int ORDER = -1000;
    private static final String ATTRIBUTE = "sealift.correlation-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Returns the correlation id assigned to {@code request}, if the filter has run. */
    public static Optional<String> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class);
    }

    /** Assigns the id before anything else sees the request. */
    @RequestFilter
    public void assign(HttpRequest<?> request) {
        String offered = request.getHeaders().get(HEADER);
        String id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
    }

    /** Echoes the id in the response. */
    @ResponseFilter
    public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        of(request).ifPresent(id -> response.header(HEADER, id));
    }
}
