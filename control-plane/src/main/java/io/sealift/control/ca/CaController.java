package io.sealift.control.ca;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/v1/ca}: the CA certificate and its fingerprint, without authentication, so an
 * operator can read the fingerprint to pin in agents' configs. Both are public.
 */
@Controller("/api/v1/ca")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Certificate authority")
public class CaController {
    private final CertificateAuthority ca;

    /** Creates the controller. */
    public CaController(CertificateAuthority ca) {
        this.ca = ca;
    }

    /** Returns the CA's fingerprint and certificate. */
    @Get
    @SecurityRequirements
    @Operation(summary = "Get the agent CA",
            description = "No authentication. Agents pin the fingerprint: sha256 of the CA's SubjectPublicKeyInfo.")
    public CaDocument get() {
        return new CaDocument(ca.fingerprint(), ca.certificatePem());
    }
}
