package io.sealift.control.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.control.testing.TempDataDir;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaControllerTest extends TempDataDir {
    @Inject @Client("/") HttpClient http;
    @Inject CertificateAuthority ca;

    @Test
    void getCa_withoutAuthentication_returnsFingerprintAndPem() {
        HttpResponse<CaDocument> response = http.toBlocking().exchange(HttpRequest.GET("/api/v1/ca"), CaDocument.class);

        assertEquals(HttpStatus.OK, response.getStatus());
        CaDocument document = response.body();
        assertEquals(ca.fingerprint(), document.fingerprint());
        assertEquals(ca.certificatePem(), document.certificate());
    }

    @Test
    void getCa_withAnEmptyAuthorizationHeader_stillWorks() {
        HttpResponse<CaDocument> response = http.toBlocking()
                .exchange(HttpRequest.GET("/api/v1/ca").header("Authorization", ""), CaDocument.class);

        assertEquals(HttpStatus.OK, response.getStatus());
        assertEquals(ca.fingerprint(), response.body().fingerprint());
    }
}
