package io.sealift.control.api;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated OpenAPI document (served at /api/v1/openapi/sealift-control.yml) describes the API. */
class OpenApiDocumentTest {
    @Test
    void document_hasTitleBearerSchemeAndEveryPath() throws IOException {
        String document;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/swagger/sealift-control.yml")) {
            assertNotNull(in, "the OpenAPI document was not generated under its stable name");
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertTrue(document.contains("title: Sealift control plane API"), document);
        assertTrue(document.contains("scheme: bearer"), document);
        for (String path : List.of("/api/v1/tenants:", "/api/v1/tenants/{tenantId}:",
                "/api/v1/tenants/{tenantId}/api-tokens:", "/api/v1/tenants/{tenantId}/api-tokens/{tokenId}:",
                "/api/v1/tenants/{tenantId}/enrollment-tokens:",
                "/api/v1/tenants/{tenantId}/enrollment-tokens/{tokenId}:",
                "/api/v1/tenants/{tenantId}/agents:", "/api/v1/tenants/{tenantId}/agents/{agentId}:")) {
            assertTrue(document.contains(path), "missing " + path);
        }
    }
}
