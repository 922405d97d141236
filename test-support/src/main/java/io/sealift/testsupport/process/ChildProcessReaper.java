package io.sealift.testsupport.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills every still-running {@link ChildProcess} when the test JVM exits, so no test leaves a
 * process behind even when it never reaches its cleanup.
 */
final class ChildProcessReaper {
    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildProcess::kill),
                "sealift-child-reaper"));
    }

    private ChildProcessReaper() {
    }

    static void register(ChildProcess child) {
        LIVE.add(child);
    }

    static void unregister(ChildProcess child) {
        LIVE.remove(child);
    }
}
