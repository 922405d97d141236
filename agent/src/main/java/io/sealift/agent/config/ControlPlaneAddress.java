package io.sealift.agent.config;

/**
 * The host and port of the control plane's gRPC port, as written in the config
 * ({@code cp.example.com:7443}, {@code 127.0.0.1:7443} or {@code [::1]:7443}). Immutable.
 */
public record ControlPlaneAddress(String host, int port) {
    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the host is blank or the port is outside 1-65535
     */
    public ControlPlaneAddress {
        if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/')) {
            throw new IllegalArgumentException("host must be a host name or IP address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535");
        }
    }

    /**
     * Parses {@code host:port}; IPv6 addresses go in brackets.
     *
     * @throws IllegalArgumentException if the text is not {@code host:port}
     */
    public static ControlPlaneAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("must be host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("must be host:port (put IPv6 addresses in brackets)");
        }
        String port = text.substring(colon + 1);
        if (!port.chars().allMatch(Character::isDigit) || port.length() > 5) {
            throw new IllegalArgumentException("must be host:port with a numeric port");
        }
        return new ControlPlaneAddress(host, Integer.parseInt(port));
    }

    /** Returns {@code host:port}, with IPv6 hosts in brackets: the gRPC target and display form. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
