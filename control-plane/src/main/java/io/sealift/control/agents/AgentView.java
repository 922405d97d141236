package io.sealift.control.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agent as the REST API shows it: identity, presence and the endpoint names it declared.
 *
 * @param id the agent's id
 * @param name its display name
 * @param status {@code online} or {@code offline}
 * @param lastSeen when it last sent anything on its control stream, or {@code null}
 * @param version the software version it last reported, or {@code null}
 * @param fingerprint {@code sha256:<hex>} of its identity public key
 * @param enrolledAt when it enrolled
 * @param revoked whether it has been revoked
 * @param endpoints the endpoint names from its last Hello
 */
@Serdeable
public record AgentView(
        UUID id,
        String name,
        String status,
        @Nullable Instant lastSeen,
        @Nullable String version,
        String fingerprint,
        Instant enrolledAt,
        boolean revoked,
        Endpoints endpoints) {

    /**
     * The endpoint names an agent declared: names only, never paths.
     *
     * @param sources names it may read from
     * @param targets names it may write to
     */
    @Serdeable
    public record Endpoints(List<String> sources, List<String> targets) {

        /** Copies the lists. */
        public Endpoints {
            sources = List.copyOf(sources);
            targets = List.copyOf(targets);
        }

        /** Sorts declared endpoints into sources and targets. */
        static Endpoints of(List<AgentEndpoint> declared) {
            return new Endpoints(names(declared, "source"), names(declared, "target"));
        }

        private static List<String> names(List<AgentEndpoint> declared, String kind) {
            return declared.stream().filter(e -> e.id().kind().equals(kind)).map(e -> e.id().name()).toList();
        }
    }
}
