package io.sealift.testsupport.faults;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * A fault that rewrites the bytes of one direction: it flips bits, drops bytes or duplicates
 * them, at fixed offsets or at random.
 *
 * <p>A fault is an immutable value; {@link #start(long)} gives the state it keeps on one
 * connection. Offsets count the bytes the proxy reads from the sender, from {@code base}.
 */
interface ByteFault {
    /** Returns this fault's state on one connection whose offset 0 is stream offset {@code base}. */
    Stage start(long base);

    /** Where a stage passes the bytes it lets through. */
    interface Sink {
        /** Takes the byte read at stream offset {@code offset}. */
        void accept(long offset, byte b);
    }

    /** One fault on one connection. Confined to that connection's pump thread. */
    interface Stage {
        /** Handles the byte read at stream offset {@code offset}, passing what survives to {@code next}. */
        void accept(long offset, byte b, Sink next);
    }

    static ByteFault flipBit(long at, int bit) {
        requireOffset(at);
        if (bit < 0 || bit > 7) {
            throw new IllegalArgumentException("bit " + bit + "; it must be 0 (least significant) to 7");
        }
        return base -> (offset, b, next) -> next.accept(offset, offset - base == at ? (byte) (b ^ (1 << bit)) : b);
    }

    static ByteFault flipRandomBits(double probability, long seed) {
        requireProbability(probability);
        return base -> {
            Random random = new Random(seed);
            return (offset, b, next) -> next.accept(offset,
                    random.nextDouble() < probability ? (byte) (b ^ (1 << random.nextInt(8))) : b);
        };
    }

    static ByteFault drop(long at, int length) {
        requireRange(at, length);
        return base -> (offset, b, next) -> {
            long relative = offset - base;
            if (relative < at || relative >= at + length) {
                next.accept(offset, b);
            }
        };
    }

    static ByteFault dropRandom(double probability, long seed) {
        requireProbability(probability);
        return base -> {
            Random random = new Random(seed);
            return (offset, b, next) -> {
                if (random.nextDouble() >= probability) {
                    next.accept(offset, b);
                }
            };
        };
    }

    static ByteFault duplicate(long at, int length) {
        requireRange(at, length);
        return base -> new RangeDuplicate(base + at, length);
    }

    static ByteFault duplicateRandom(double probability, long seed) {
        requireProbability(probability);
        return base -> {
            Random random = new Random(seed);
            return (offset, b, next) -> {
                next.accept(offset, b);
                if (random.nextDouble() < probability) {
                    next.accept(offset, b);
                }
            };
        };
    }

    private static void requireOffset(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + "; it must not be negative");
        }
    }

    private static void requireRange(long offset, int length) {
        requireOffset(offset);
        if (length < 1) {
            throw new IllegalArgumentException("length " + length + "; it must be at least 1");
        }
    }

    private static void requireProbability(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability " + probability + "; it must be within [0, 1]");
        }
    }

    /** Passes a range through, then sends the whole range again right after its last byte. */
    final class RangeDuplicate implements Stage {
        private final long start;
        private final int length;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        RangeDuplicate(long start, int length) {
            this.start = start;
            this.length = length;
        }

        @Override
        public void accept(long offset, byte b, Sink next) {
            next.accept(offset, b);
            if (offset < start || offset >= start + length) {
                return;
            }
            copy.write(b);
            if (offset == start + length - 1) {
                byte[] again = copy.toByteArray();
                for (int i = 0; i < again.length; i++) {
                    next.accept(start + i, again[i]);
                }
            }
        }
    }
}
