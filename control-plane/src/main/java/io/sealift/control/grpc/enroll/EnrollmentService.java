package io.sealift.control.grpc.enroll;

import io.grpc.stub.StreamObserver;
import io.sealift.control.grpc.internal.UnaryReplies;
import io.sealift.proto.v1.EnrollRequest;
import io.sealift.proto.v1.EnrollResponse;
import io.sealift.proto.v1.EnrollmentGrpc;
import jakarta.inject.Singleton;

/** {@code sealift.v1.Enrollment}: translates calls to {@link Enroller}. No client certificate needed. */
@Singleton
public class EnrollmentService extends EnrollmentGrpc.EnrollmentImplBase {
    private final Enroller enroller;

    /** Creates the service. */
    public EnrollmentService(Enroller enroller) {
        this.enroller = enroller;
    }

    @Override
    public void enroll(EnrollRequest request, StreamObserver<EnrollResponse> responses) {
        UnaryReplies.reply(responses, () -> enroller.enroll(request));
    }
}
