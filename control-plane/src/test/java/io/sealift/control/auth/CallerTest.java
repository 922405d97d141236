package io.sealift.control.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.security.authentication.Authentication;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerTest {
    private final UUID tokenId = UUID.randomUUID();
    private final UUID tenant = UUID.randomUUID();

    @Test
    void authentication_roundTripsTheCallersScope() {
        Authentication authentication = Caller.authentication(tokenId, Role.OPERATOR, tenant);

        Caller caller = Caller.from(authentication, "corr-1").orElseThrow();

        assertEquals(new Caller(tokenId, Role.OPERATOR, tenant, "corr-1"), caller);
        assertEquals("token:" + tokenId, authentication.getName());
        assertTrue(authentication.getRoles().contains("auditor"));
    }

    @Test
    void tenantToken_seesOnlyItsTenant_platformAdminSeesAll() {
        Caller owner = new Caller(tokenId, Role.OWNER, tenant, "c");
        Caller admin = new Caller(tokenId, Role.PLATFORM_ADMIN, null, "c");

        assertTrue(owner.canSee(tenant));
        assertFalse(owner.canSee(UUID.randomUUID()));
        assertTrue(admin.canSee(UUID.randomUUID()));
    }

    @Test
    void onlyPlatformAdminTokens_areUnscoped() {
        assertThrows(IllegalArgumentException.class, () -> new Caller(tokenId, Role.OWNER, null, "c"));
        assertThrows(IllegalArgumentException.class, () -> new Caller(tokenId, Role.PLATFORM_ADMIN, tenant, "c"));
    }

    @Test
    void require_refusesARoleTooLow() {
        Caller auditor = new Caller(tokenId, Role.AUDITOR, tenant, "c");

        AccessDeniedException denied = assertThrows(AccessDeniedException.class, () -> auditor.require(Role.OPERATOR));

        assertEquals(Role.OPERATOR, denied.required());
    }
}
