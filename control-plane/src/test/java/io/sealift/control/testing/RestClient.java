package io.sealift.control.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small REST client for tests: sends raw requests with the JDK's HTTP client (so malformed
 * bodies and odd headers go out exactly as written) and never throws on error statuses.
 */
public final class RestClient {
    private final URI base;
    private final JsonMapper json;
    private final HttpClient http;

    /** Creates a client for the server at {@code base}. */
    public RestClient(URI base, JsonMapper json) {
        this(base, json, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    /** Creates a client over a configured JDK client, e.g. one that trusts a test certificate. */
    public RestClient(URI base, JsonMapper json, HttpClient http) {
        this.base = base;
        this.json = json;
        this.http = http;
    }

    /** GETs {@code path} with {@code token} (or none when null). */
    public Response get(String path, String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    /** POSTs a JSON body. */
    public Response post(String path, String token, String jsonBody) {
        return send("POST", path, token, "application/json", jsonBody, Map.of());
    }

    /** DELETEs {@code path}. */
    public Response delete(String path, String token) {
        return send("DELETE", path, token, null, null, Map.of());
    }

    /** Sends any request; a null token sends no Authorization header. */
    public Response send(String method, String path, String token, String contentType, String body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A received response.
     *
     * @param status the status code
     * @param headers the headers, names in lowercase
     * @param body the raw body
     * @param json the mapper used to read the body
     */
    public record Response(int status, Map<String, List<String>> headers, String body, JsonMapper json) {

        /** Returns a header's first value. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        /** Reads the body as a JSON object. */
        public Map<String, Object> object() {
            return read(Argument.mapOf(String.class, Object.class));
        }

        /** Reads the body as a JSON array of objects. */
        public List<Map<String, Object>> array() {
            return read(Argument.listOf(Argument.mapOf(String.class, Object.class)));
        }

        /** Reads one string field of a JSON object body. */
        public String field(String name) {
            Object value = object().get(name);
            return value == null ? null : value.toString();
        }

        private <T> T read(Argument<T> type) {
            try {
                return json.readValue(body, type);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
