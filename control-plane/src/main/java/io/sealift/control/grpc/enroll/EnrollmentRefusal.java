package io.sealift.control.grpc.enroll;

import io.grpc.Status;
import io.grpc.StatusException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why an enrollment attempt was refused: the gRPC status the agent gets and the reason code the
 * audit record keeps. Descriptions are fixed text naming a field and a rule; they never contain
 * the token or other request bytes.
 */
final class EnrollmentRefusal extends Exception {
    private final Status status;
    private final Map<String, String> auditDetails;

    private EnrollmentRefusal(Status status, Map<String, String> auditDetails) {
        super(status.getDescription(), null, false, false);
        this.status = status;
        this.auditDetails = Map.copyOf(auditDetails);
    }

    /** INVALID_ARGUMENT: {@code field} breaks {@code rule}, e.g. ("name", "must be ..."). */
    static EnrollmentRefusal invalid(String field, String rule) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", "invalid_argument");
        details.put("field", field);
        return new EnrollmentRefusal(Status.INVALID_ARGUMENT.withDescription(field + " " + rule), details);
    }

    /** A refusal with {@code code}, description and audit reason code. */
    static EnrollmentRefusal of(Status.Code code, String reason, String description) {
        return new EnrollmentRefusal(Status.fromCode(code).withDescription(description), Map.of("reason", reason));
    }

    /** Returns the status to answer with. */
    StatusException toStatusException() {
        return status.asException();
    }

    /** Returns the metadata for the audit record: a reason code, and the field if one was bad. */
    Map<String, String> auditDetails() {
        return auditDetails;
    }
}
