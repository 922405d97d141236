package io.sealift.control.tokens;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.control.enrollment.IssuedEnrollmentTokenView;
import io.sealift.control.secrets.IssuedSecret;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private final IssuedSecret secret = IssuedSecret.generate("slt_", new SecureRandom());
    private final String value = secret.revealOnce();

    @Test
    void issuedSecret_toStringHidesTheValue() {
        assertFalse(secret.toString().contains(value));
    }

    @Test
    void mintedApiToken_toStringHidesTheValueAndTheHash() {
        ApiToken stored = new ApiToken(UUID.randomUUID(), UUID.randomUUID(), "owner", secret.hash(), null,
                Instant.now(), null, null);

        String shown = new MintedApiToken(stored, secret).toString();

        assertFalse(shown.contains(value));
        assertFalse(shown.contains(secret.hash()));
        assertTrue(shown.contains(stored.id().toString()));
    }

    @Test
    void issuedApiTokenView_toStringHidesTheValue() {
        IssuedApiTokenView view = new IssuedApiTokenView(UUID.randomUUID(), value, "owner", UUID.randomUUID(),
                Instant.now());

        assertFalse(view.toString().contains(value));
    }

    @Test
    void issuedEnrollmentTokenView_toStringHidesTheValue() {
        IssuedEnrollmentTokenView view = new IssuedEnrollmentTokenView(UUID.randomUUID(), value, Instant.now());

        assertFalse(view.toString().contains(value));
    }
}
