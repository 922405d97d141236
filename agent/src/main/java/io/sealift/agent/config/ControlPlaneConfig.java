package io.sealift.agent.config;

import io.sealift.agent.crypto.Fingerprint;

/**
 * The {@code controlPlane} section: where the control plane is, which CA it must present, and
 * how to reconnect. Immutable.
 *
 * @param address the control plane's gRPC {@code host:port}
 * @param caFingerprint the pinned fingerprint of the control plane CA's SubjectPublicKeyInfo
 * @param reconnect the reconnect backoff
 */
public record ControlPlaneConfig(ControlPlaneAddress address, Fingerprint caFingerprint, ReconnectPolicy reconnect) {
}
