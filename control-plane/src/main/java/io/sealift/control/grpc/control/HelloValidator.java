package io.sealift.control.grpc.control;

import io.grpc.Status;
import io.grpc.StatusException;
import io.micronaut.core.annotation.Nullable;
import io.sealift.proto.v1.Hello;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the Hello that opens a control stream. Stateless and thread-safe.
 *
 * <p>Descriptions name the field and index but never echo a value: an endpoint "name" that
 * breaks the rules might be a path, and paths must not reach the control plane's logs.
 */
final class HelloValidator {
    /** The most source (and, separately, target) endpoints an agent may declare. */
    static final int MAX_ENDPOINTS = 256;
    /** The most active job ids a Hello may list. */
    static final int MAX_ACTIVE_JOBS = 1024;

    private static final Pattern ENDPOINT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern VERSION = Pattern.compile("[\\x20-\\x7E]{0,64}");
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private HelloValidator() {
    }

    /**
     * A validated Hello.
     *
     * @param version the agent's version, or {@code null} if it sent none
     * @param sources the declared source endpoint names
     * @param targets the declared target endpoint names
     */
    record ValidHello(@Nullable String version, List<String> sources, List<String> targets) {
    }

    /**
     * Returns the validated Hello.
     *
     * @throws StatusException INVALID_ARGUMENT naming the first field that fails
     */
    static ValidHello validate(Hello hello) throws StatusException {
        if (!VERSION.matcher(hello.getVersion()).matches()) {
            throw invalid("version must be at most 64 printable ASCII characters");
        }
        List<String> sources = endpointNames("source_names", hello.getSourceNamesList());
        List<String> targets = endpointNames("target_names", hello.getTargetNamesList());
        if (hello.getActiveJobIdsCount() > MAX_ACTIVE_JOBS) {
            throw invalid("active_job_ids must list at most " + MAX_ACTIVE_JOBS + " jobs");
        }
        for (int i = 0; i < hello.getActiveJobIdsCount(); i++) {
            if (!JOB_ID.matcher(hello.getActiveJobIds(i)).matches()) {
                throw invalid("active_job_ids[" + i + "] must be a job id");
            }
        }
        return new ValidHello(hello.getVersion().isEmpty() ? null : hello.getVersion(), sources, targets);
    }

    private static List<String> endpointNames(String field, List<String> names) throws StatusException {
        if (names.size() > MAX_ENDPOINTS) {
            throw invalid(field + " must list at most " + MAX_ENDPOINTS + " endpoints, not " + names.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!ENDPOINT_NAME.matcher(names.get(i)).matches()) {
                throw invalid(field + "[" + i + "] must match [a-z0-9][a-z0-9._-]{0,62}");
            }
            if (!seen.add(names.get(i))) {
                throw invalid(field + "[" + i + "] repeats an earlier name");
            }
        }
        return List.copyOf(names);
    }

    private static StatusException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asException();
    }
}
