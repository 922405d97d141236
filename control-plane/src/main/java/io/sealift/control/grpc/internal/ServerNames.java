package io.sealift.control.grpc.internal;

import io.sealift.control.ca.ServerIdentity;
import io.sealift.control.config.SealiftSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The names the gRPC server certificate is valid for: {@code localhost}, {@code 127.0.0.1},
 * {@code ::1}, this machine's host name, a specific bind address, and every
 * {@code sealift.grpc.hostnames} entry. Stateless and thread-safe.
 */
public final class ServerNames {
    private static final Set<String> WILDCARD_HOSTS = Set.of("0.0.0.0", "::", "[::]");

    private ServerNames() {
    }

    /**
     * Returns the names for {@code grpc}, in order, without duplicates.
     *
     * @throws IllegalArgumentException naming a configured entry that is neither a DNS name nor an
     *     IP address
     */
    public static List<String> of(SealiftSettings.Grpc grpc, Optional<String> machineHostName) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        machineHostName.filter(ServerIdentity::isValidName).ifPresent(names::add);
        if (!WILDCARD_HOSTS.contains(grpc.host()) && ServerIdentity.isValidName(grpc.host())) {
            names.add(grpc.host());
        }
        for (String configured : grpc.hostnames()) {
            if (!ServerIdentity.isValidName(configured)) {
                throw new IllegalArgumentException("sealift.grpc.hostnames entry '" + configured
                        + "' is neither a DNS name nor an IP address");
            }
            names.add(configured);
        }
        return new ArrayList<>(names);
    }

    /** Returns this machine's host name, or empty if it cannot be determined. */
    public static Optional<String> machineHostName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
