package io.sealift.control.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * The control plane's own settings, bound from the {@code sealift.*} configuration keys.
 *
 * <p>Immutable; validated at startup, so a bad value stops the service with a message naming the
 * key.
 *
 * @param dataDir the data directory: H2 database, CA key, bootstrap token, audit key
 * @param grpc the agent-facing gRPC server's settings
 */
@ConfigurationProperties("sealift")
public record SealiftSettings(@NotBlank String dataDir, @NotNull Grpc grpc) {

    /**
     * Settings of the agent-facing gRPC server.
     *
     * @param host the address to bind
     * @param port the port to bind; 0 picks a free one
     * @param hostnames extra DNS names and IP addresses for the server certificate, besides
     *     {@code localhost} and {@code 127.0.0.1}
     * @param maxInboundMessageBytes the largest message the server accepts
     * @param heartbeatInterval how often agents must send a heartbeat on their control stream
     */
    @ConfigurationProperties("grpc")
    public record Grpc(
            @NotBlank @Bindable(defaultValue = "0.0.0.0") String host,
            @Min(0) @Max(65535) @Bindable(defaultValue = "7443") int port,
            @Bindable(defaultValue = "") List<String> hostnames,
            @Min(1024) @Bindable(defaultValue = "4194304") int maxInboundMessageBytes,
            @NotNull @Bindable(defaultValue = "5s") Duration heartbeatInterval) {

        /** Copies the list so the record stays immutable. */
        public Grpc {
            hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
        }
    }
}
