package io.sealift.control.grpc.relay;

import io.sealift.proto.v1.RelayGrpc;
import jakarta.inject.Singleton;

/**
 * {@code sealift.v1.Relay}: not implemented yet, so every call answers UNIMPLEMENTED (after the
 * client-certificate check). The migration work fills in {@code transfer}.
 */
@Singleton
public class RelayService extends RelayGrpc.RelayImplBase {
}
