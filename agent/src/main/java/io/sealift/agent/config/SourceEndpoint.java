package io.sealift.agent.config;

import io.sealift.agent.crypto.Fingerprint;
import java.nio.file.Path;
import java.util.List;

/**
 * A named source endpoint: a local directory the agent may read and send, and to whom.
 * Immutable.
 *
 * @param name the endpoint's name, the only thing the control plane ever sees of it
 * @param path the absolute directory to read
 * @param recipients fingerprints of the agents this endpoint may send to; empty sends nowhere
 * @param exclude glob patterns of files not to send
 */
public record SourceEndpoint(String name, Path path, List<Fingerprint> recipients, List<String> exclude) {
    /** Copies the lists, so the record stays immutable. */
    public SourceEndpoint {
        recipients = List.copyOf(recipients);
        exclude = List.copyOf(exclude);
    }
}
