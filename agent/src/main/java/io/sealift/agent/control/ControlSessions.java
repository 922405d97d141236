package io.sealift.agent.control;

import java.util.function.Consumer;

/** Opens control streams; one per connection attempt. */
@FunctionalInterface
public interface ControlSessions {
    /**
     * Opens a stream and sends Hello without waiting for the answer.
     *
     * @param onWelcome called with the agent id once the control plane has welcomed the agent
     */
    ControlSession open(Consumer<String> onWelcome);
}
