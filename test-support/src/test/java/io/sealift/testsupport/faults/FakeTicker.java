package io.sealift.testsupport.faults;

import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when something sleeps on it, recording every sleep. */
final class FakeTicker implements Ticker {
    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(long nanos) {
        if (nanos > 0) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    synchronized void advance(long nanos) {
        now += nanos;
    }

    synchronized List<Long> sleeps() {
        return List.copyOf(sleeps);
    }

    synchronized long totalSlept() {
        return sleeps.stream().mapToLong(Long::longValue).sum();
    }
}
