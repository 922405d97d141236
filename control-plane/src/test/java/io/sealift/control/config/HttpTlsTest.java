package io.sealift.control.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.control.testing.RestClient;
import io.sealift.control.testing.TempDataDir;
import io.sealift.control.testing.TestCertificates;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpTlsTest extends TempDataDir {
    private final TestCertificates certificates = TestCertificates.selfSigned(dataDir());

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "sealift.http.tls.certificate-file", certificates.certificateFile().toString(),
                "sealift.http.tls.key-file", certificates.keyFile().toString());
    }

    @Test
    void restApi_withCertificateFiles_servesTlsWithThatCertificate() throws IOException {
        assertEquals("https", server.getScheme());
        HttpClient https = HttpClient.newBuilder().sslContext(certificates.clientContext()).build();
        RestClient rest = new RestClient(URI.create(server.getURL() + "/"), json, https);
        String admin = Files.readString(dataDir().resolve("bootstrap-token")).strip();

        RestClient.Response response = rest.get("api/v1/tenants", admin);

        assertEquals(200, response.status(), response::toString);
    }

    @Test
    void restApi_withTls_refusesPlainHttp() {
        URI plain = URI.create("http://" + server.getHost() + ":" + server.getPort() + "/api/v1/tenants");

        assertThrows(IOException.class, () -> HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(plain).build(), HttpResponse.BodyHandlers.ofString()));
    }
}
