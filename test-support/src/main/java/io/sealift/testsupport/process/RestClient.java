package io.sealift.testsupport.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A small JSON client for the control plane's REST API, as an outside tool would drive it.
 *
 * <p>Thread-safe and immutable; {@link #withToken(String)} returns a copy with another token.
 */
public final class RestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final URI base;
    private final String token;

    private RestClient(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** Creates a client for {@code base} (e.g. {@code http://127.0.0.1:8080}) without a token. */
    public static RestClient of(URI base) {
        return new RestClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), base, null);
    }

    /** Returns a client that sends {@code bearerToken}. */
    public RestClient withToken(String bearerToken) {
        return new RestClient(http, base, bearerToken);
    }

    /** Sends GET {@code path}. */
    public Response get(String path) {
        return send(request(path).GET());
    }

    /** Sends POST {@code path} with {@code body} encoded as JSON. */
    public Response post(String path, Map<String, ?> body) {
        try {
            String json = JSON.writeValueAsString(body);
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends DELETE {@code path}. */
    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An HTTP response.
     *
     * @param status the status code
     * @param body the raw body
     */
    public record Response(int status, String body) {

        /** Parses the body as JSON; a missing node if it is empty or not JSON. */
        public JsonNode json() {
            try {
                return body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }

        /** Returns the body's JSON, failing with the response if the status differs. */
        public JsonNode expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return json();
        }
    }
}
