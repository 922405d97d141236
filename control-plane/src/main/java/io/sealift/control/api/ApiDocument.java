package io.sealift.control.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's header: title, version and the bearer-token scheme every operation
 * uses unless it says otherwise. The document itself is generated at compile time and served,
 * without authentication, at {@code /api/v1/openapi/sealift-control.yml}.
 */
@OpenAPIDefinition(
        info = @Info(
                title = "Sealift control plane API",
                version = "v1",
                description = "Staff API of the Sealift control plane: tenants, API tokens, enrollment tokens"
                        + " and agents. Errors are RFC 7807 problem documents (application/problem+json)."),
        security = @SecurityRequirement(name = ApiDocument.BEARER))
@SecurityScheme(name = ApiDocument.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "slt_ followed by 43 base64url characters")
public final class ApiDocument {
    /** The name of the bearer-token security scheme. */
    public static final String BEARER = "bearer";

    private ApiDocument() {
    }
}
