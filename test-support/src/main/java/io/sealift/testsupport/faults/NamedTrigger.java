package io.sealift.testsupport.faults;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link Trigger} with a description for messages.
 *
 * @param description what it waits for
 * @param condition the check
 */
record NamedTrigger(String description, Supplier<Optional<String>> condition) implements Trigger {
    @Override
    public Optional<String> check() {
        return condition.get();
    }

    @Override
    public String toString() {
        return description;
    }
}
