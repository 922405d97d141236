package io.sealift.control.jobs;

import java.util.List;
import java.util.Map;

/**
 * One step of the job state machine: the changed job and what must happen once it is stored.
 *
 * @param job the job after the step, to be stored under the optimistic lock
 * @param effects what to do after it was stored, in order
 */
record Transition(Job job, List<Effect> effects) {

    /** Copies the effects. */
    Transition {
        effects = List.copyOf(effects);
    }

    /** Something to do after a transition was stored. */
    sealed interface Effect permits CancelAgents, EndSession, Audit {
    }

    /** Send {@code CancelJob} to both agents of the job: their session is over. */
    record CancelAgents() implements Effect {
    }

    /** Tear down whatever still carries {@code session} of the job (the relay pair). */
    record EndSession(long session) implements Effect {
    }

    /**
     * Append an audit record about the job.
     *
     * @param action e.g. {@code job.finish}
     * @param outcome e.g. {@code success}
     * @param details metadata only: counts, codes, states
     */
    record Audit(String action, String outcome, Map<String, String> details) implements Effect {

        /** Copies the details. */
        Audit {
            details = Map.copyOf(details);
        }
    }
}
