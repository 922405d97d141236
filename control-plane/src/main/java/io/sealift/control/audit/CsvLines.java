package io.sealift.control.audit;

import io.sealift.audit.format.Timestamps;
import io.sealift.control.api.CsvField;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * The lines of a CSV export (RFC 4180): a header row, then one row per record with its chain
 * links and hash, so rows can be matched to a verified JSON Lines export.
 *
 * <p>Not thread-safe. Fields are escaped by {@link CsvField} (quoted where needed; a leading
 * {@code '} before what a spreadsheet would run as a formula; the JSON Lines export keeps the
 * exact value).
 */
final class CsvLines implements Iterator<String> {
    /** The header row. */
    static final String HEADER = "seq,time,tenant,chain,chain_seq,actor,action,target,outcome,correlation_id,details,"
            + "hash,prev,chain_prev";

    private final Pages<AuditEvent> records;
    private boolean headerSent;

    CsvLines(Pages<AuditEvent> records) {
        this.records = records;
    }

    @Override
    public boolean hasNext() {
        return !headerSent || records.hasNext();
    }

    @Override
    public String next() {
        if (!headerSent) {
            headerSent = true;
            return HEADER;
        }
        if (!records.hasNext()) {
            throw new NoSuchElementException();
        }
        return row(records.next());
    }

    private static String row(AuditEvent e) {
        return List.of(Long.toString(e.seq()), Timestamps.format(e.occurredAt()), text(e.tenantId()), e.chain(),
                Long.toString(e.chainSeq()), e.actor(), e.action(), text(e.target()), e.outcome(),
                text(e.correlationId()), text(e.details()), e.hash(), e.prevHash(), e.chainPrevHash())
                .stream().map(CsvField::escape).collect(Collectors.joining(","));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
