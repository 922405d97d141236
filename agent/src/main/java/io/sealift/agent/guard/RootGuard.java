package io.sealift.agent.guard;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides whether {@code run} may start as the user it runs as. Started as a service
 * ({@code run --service}, which the systemd unit passes), it refuses root unless
 * {@code --allow-root} is given, and refuses when it cannot tell the user: a unit edited to run
 * the agent as root would otherwise give every declared path's data to a process that needs no
 * privileges. A plain {@code run} as root only warns, so development, tests and the quickstart
 * keep working. Stateless.
 */
public final class RootGuard {
    private RootGuard() {
    }

    /**
     * Checks the user {@code run} runs as.
     *
     * @param user the process's user
     * @param service whether {@code --service} was given
     * @param allowRoot whether {@code --allow-root} was given
     * @return a warning to log, if there is one
     * @throws RootRefusedException if a service must not run as this user
     */
    public static Optional<String> check(ProcessUser user, boolean service, boolean allowRoot) {
        OptionalLong uid = user.effectiveUid();
        if (service && !allowRoot && uid.isEmpty()) {
            throw new RootRefusedException("refusing to run with --service: cannot tell which user this process runs"
                    + " as (no Uid line in /proc/self/status); pass --allow-root to run anyway");
        }
        if (uid.isEmpty() || uid.getAsLong() != 0) {
            return Optional.empty();
        }
        if (service && !allowRoot) {
            throw new RootRefusedException("refusing to run as root with --service: run the agent as its own user"
                    + " (the unit's User=sealift), or pass --allow-root to run as root anyway");
        }
        return Optional.of("running as root" + (allowRoot ? " (--allow-root)" : "")
                + ": the agent needs no privileges; run it as its own user (for example sealift) instead");
    }
}
