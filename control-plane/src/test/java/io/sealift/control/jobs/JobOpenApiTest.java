package io.sealift.control.jobs;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated OpenAPI document describes the jobs endpoints. */
class JobOpenApiTest {
    @Test
    void document_hasTheJobPaths() throws IOException {
        String document;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/swagger/sealift-control.yml")) {
            assertNotNull(in, "the OpenAPI document was not generated");
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String path : List.of("/api/v1/tenants/{tenantId}/jobs:", "/api/v1/tenants/{tenantId}/jobs/{jobId}:",
                "/api/v1/tenants/{tenantId}/jobs/{jobId}/cancel:", "/api/v1/tenants/{tenantId}/jobs/{jobId}/report:",
                "/api/v1/tenants/{tenantId}/jobs/{jobId}/retry-failed:", "operationId: createJob",
                "operationId: cancelJob", "operationId: retryFailedFiles", "operationId: getJobReport")) {
            assertTrue(document.contains(path), "missing " + path);
        }
    }
}
