package io.sealift.control.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.UUID;

/**
 * Base of the REST tests: a running server on a fresh data directory, a raw client, the
 * bootstrap platform-admin token, and shortcuts to create tenants and tokens through the API.
 * Subclasses add {@code @MicronautTest(transactional = false)} (the server must see what a test
 * stores) and {@code @TestInstance(PER_CLASS)}.
 */
public abstract class ApiTestBase extends TempDataDir {
    @Inject
    protected EmbeddedServer server;
    @Inject
    protected JsonMapper json;

    private RestClient rest;

    /** Returns a client for the running server. */
    protected RestClient rest() {
        if (rest == null) {
            rest = new RestClient(URI.create(server.getURL().toString() + "/"), json);
        }
        return rest;
    }

    /** Returns the platform-admin token the server wrote at first start. */
    protected String adminToken() {
        try {
            return Files.readString(dataDir().resolve("bootstrap-token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a tenant named {@code prefix} plus a random suffix; returns its id. */
    protected UUID createTenant(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        RestClient.Response response = rest().post("api/v1/tenants", adminToken(), "{\"name\":\"" + name + "\"}");
        assertEquals(201, response.status(), response::toString);
        return UUID.fromString(response.field("id"));
    }

    /** Mints a token with {@code role} in {@code tenantId} as platform admin; returns its value. */
    protected String mintToken(UUID tenantId, String role) {
        RestClient.Response response = rest().post("api/v1/tenants/" + tenantId + "/api-tokens", adminToken(),
                "{\"role\":\"" + role + "\"}");
        assertEquals(201, response.status(), response::toString);
        return response.field("token");
    }
}
