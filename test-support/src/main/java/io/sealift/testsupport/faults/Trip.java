package io.sealift.testsupport.faults;

/**
 * A fault that fires once per connection after a number of bytes: cut, reset or stall.
 *
 * @param kind what happens
 * @param after how many bytes pass first, counted from the connection's first byte after arming
 */
record Trip(Kind kind, long after) {
    /** What a trip does to the connection. */
    enum Kind {
        /** Sends FIN both ways and forwards nothing more. */
        CUT,
        /** Sends RST both ways. */
        RESET,
        /** Stops forwarding in this direction until {@link Link#release()}. */
        STALL
    }

    Trip {
        if (after < 0) {
            throw new IllegalArgumentException(kind + " after " + after + " bytes; it must not be negative");
        }
    }
}
