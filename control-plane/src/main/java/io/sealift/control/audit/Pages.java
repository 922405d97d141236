package io.sealift.control.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.ToLongFunction;

/**
 * Iterates over rows ordered by a sequence number, reading them a page at a time, so that a
 * long range never sits in memory whole.
 *
 * <p>Not thread-safe. Each page is its own query: rows are immutable once written, so paging by
 * sequence number needs no long-lived transaction or cursor.
 *
 * @param <T> the row type
 */
final class Pages<T> implements Iterator<T> {
    /** Reads up to {@code limit} rows with sequence numbers after {@code after}, in order. */
    @FunctionalInterface
    interface Fetch<T> {
        List<T> page(long after, int limit);
    }

    private final Fetch<T> fetch;
    private final ToLongFunction<T> seqOf;
    private final int pageSize;
    private final Deque<T> buffered = new ArrayDeque<>();
    private long after;
    private boolean exhausted;

    Pages(Fetch<T> fetch, ToLongFunction<T> seqOf, long after, int pageSize) {
        this.fetch = fetch;
        this.seqOf = seqOf;
        this.after = after;
        this.pageSize = pageSize;
    }

    @Override
    public boolean hasNext() {
        if (buffered.isEmpty() && !exhausted) {
            List<T> page = fetch.page(after, pageSize);
            buffered.addAll(page);
            exhausted = page.size() < pageSize;
            if (!page.isEmpty()) {
                after = seqOf.applyAsLong(page.get(page.size() - 1));
            }
        }
        return !buffered.isEmpty();
    }

    /** Returns the next row without consuming it; call only when {@link #hasNext()} is true. */
    T peek() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return buffered.peekFirst();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return buffered.pollFirst();
    }
}
