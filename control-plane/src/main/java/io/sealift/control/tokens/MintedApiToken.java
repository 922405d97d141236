package io.sealift.control.tokens;

import io.sealift.control.secrets.IssuedSecret;

/**
 * A freshly minted API token: the stored row and the secret, which exists only until it is
 * handed to whoever asked for it.
 *
 * @param stored the stored row (hash only)
 * @param secret the token's value; its {@code toString()} is redacted
 */
public record MintedApiToken(ApiToken stored, IssuedSecret secret) {

    @Override
    public String toString() {
        return "MintedApiToken[id=" + stored.id() + ", role=" + stored.role() + ", secret=redacted]";
    }
}
