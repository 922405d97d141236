package io.sealift.audit.verify;

import java.util.Locale;

/**
 * The result of verifying an export: {@link Valid} or {@link Invalid}. Immutable.
 */
public sealed interface Verdict permits Verdict.Valid, Verdict.Invalid {

    /** Returns whether the export verified. */
    boolean valid();

    /** Returns the lines to print, the summary first. */
    String report();

    /**
     * Every record linked, every checkpoint signed by the pinned key, the last record covered.
     *
     * @param chain the exported chain
     * @param records how many records the export holds
     * @param checkpoints how many checkpoints it holds
     * @param anchorSeq the sequence number of its starting checkpoint (records follow it)
     * @param lastSeq the sequence number of its last record (or of the anchor, when it has none)
     * @param lastHash that record's hash, to pin next time
     */
    record Valid(String chain, long records, long checkpoints, long anchorSeq, long lastSeq, String lastHash)
            implements Verdict {
        @Override
        public boolean valid() {
            return true;
        }

        /** Returns e.g. {@code 12,034 records, 12 checkpoints: valid}. */
        public String summary() {
            return String.format(Locale.ROOT, "%,d records, %,d checkpoints: valid", records, checkpoints);
        }

        @Override
        public String report() {
            String range = records == 0 ? "no records after sequence " + anchorSeq
                    : String.format(Locale.ROOT, "sequence %d to %d", anchorSeq + 1, lastSeq);
            return summary() + System.lineSeparator() + "chain " + chain + ", " + range
                    + "; to require that the next export extends this one: --pinned-checkpoint " + lastSeq + ":"
                    + lastHash;
        }
    }

    /**
     * The first problem found.
     *
     * @param seq the first bad sequence number in the exported chain, or -1 when the problem is
     *     not at a record (no header, no starting checkpoint)
     * @param line the line of the file, from 1
     * @param reason what is wrong
     */
    record Invalid(long seq, long line, String reason) implements Verdict {
        @Override
        public boolean valid() {
            return false;
        }

        @Override
        public String report() {
            return (seq < 0 ? "invalid" : "invalid at sequence " + seq) + " (line " + line + "): " + reason;
        }
    }
}
