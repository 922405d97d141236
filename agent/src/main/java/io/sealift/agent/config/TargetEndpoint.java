package io.sealift.agent.config;

import io.sealift.agent.crypto.Fingerprint;
import java.nio.file.Path;
import java.util.List;

/**
 * A named target endpoint: a local directory the agent may write into, and from whom. Immutable.
 *
 * @param name the endpoint's name, the only thing the control plane ever sees of it
 * @param path the absolute directory that is the root of all writes
 * @param senders fingerprints of the agents allowed to send here; empty accepts nobody
 */
public record TargetEndpoint(String name, Path path, List<Fingerprint> senders) {
    /** Copies the list, so the record stays immutable. */
    public TargetEndpoint {
        senders = List.copyOf(senders);
    }
}
