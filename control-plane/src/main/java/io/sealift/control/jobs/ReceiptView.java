package io.sealift.control.jobs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.sealift.proto.v1.Receipt;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * An agent's signed receipt as the REST API shows it: what it says it sent or verified.
 *
 * @param agent the agent that signed it
 * @param role {@code source} or {@code target}
 * @param files the files it counts, or null if the receipt does not parse
 * @param bytes the bytes it counts, or null if the receipt does not parse
 * @param ciphertextRoot lowercase hex of its root hash over the ciphertext frames, or null
 * @param verified whether its signature held against the agent's identity key and it named this
 *     job, session, agent and role
 */
@Serdeable
public record ReceiptView(UUID agent, String role, @Nullable Long files, @Nullable Long bytes,
        @Nullable String ciphertextRoot, boolean verified) {

    /** Returns the view of a stored receipt. */
    static ReceiptView of(JobReceipt stored) {
        Optional<Receipt> receipt = ReceiptVerifier.parse(stored.receipt());
        return new ReceiptView(stored.agentId(), stored.id().role(),
                receipt.map(Receipt::getFiles).orElse(null),
                receipt.map(Receipt::getBytes).orElse(null),
                receipt.map(r -> HexFormat.of().formatHex(r.getCiphertextRoot().toByteArray())).orElse(null),
                stored.verified());
    }
}
