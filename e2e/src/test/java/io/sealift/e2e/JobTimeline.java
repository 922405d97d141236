package io.sealift.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/**
 * Prints each change of a job's state, attempt or error code with the seconds since it was
 * made, to the test's output: what a failing fault test's report needs to tell a hang from a
 * slow retry. Not thread-safe.
 */
final class JobTimeline implements Consumer<JsonNode> {
    private final String name;
    private final long start = System.nanoTime();
    private String last = "";

    JobTimeline(String name) {
        this.name = name;
    }

    @Override
    public void accept(JsonNode job) {
        String now = job.get("state").asText() + " attempt " + job.get("attempt").asInt() + " "
                + job.path("error").path("code").asText("-");
        if (!now.equals(last)) {
            last = now;
            System.out.printf("%s +%.1f s: %s, %d bytes done%n", name, (System.nanoTime() - start) / 1e9, now,
                    job.get("progress").get("bytesDone").asLong());
        }
    }
}
