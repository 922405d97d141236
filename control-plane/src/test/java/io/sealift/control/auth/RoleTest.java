package io.sealift.control.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void eachRole_includesItselfAndTheRolesBelowIt() {
        assertTrue(Role.PLATFORM_ADMIN.includes(Role.OWNER));
        assertTrue(Role.OWNER.includes(Role.OPERATOR));
        assertTrue(Role.OPERATOR.includes(Role.AUDITOR));
        assertTrue(Role.AUDITOR.includes(Role.AUDITOR));
        assertFalse(Role.AUDITOR.includes(Role.OPERATOR));
        assertFalse(Role.OWNER.includes(Role.PLATFORM_ADMIN));
    }

    @Test
    void withIncluded_listsTheWireNamesOfEveryIncludedRole() {
        assertEquals(List.of("auditor", "operator"), Role.OPERATOR.withIncluded());
        assertEquals(List.of("auditor", "operator", "owner", "platform-admin"), Role.PLATFORM_ADMIN.withIncluded());
    }

    @Test
    void parse_acceptsOnlyWireNames() {
        assertEquals(Optional.of(Role.PLATFORM_ADMIN), Role.parse("platform-admin"));
        assertEquals(Optional.empty(), Role.parse("PLATFORM_ADMIN"));
        assertEquals(Optional.empty(), Role.parse("root"));
    }
}
