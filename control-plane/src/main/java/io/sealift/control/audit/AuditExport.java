package io.sealift.control.audit;

import java.io.InputStream;

/**
 * An export ready to stream: its body, which reads the store as it is consumed, and how to name
 * it. The body must be read (or closed) by one consumer.
 *
 * @param body the content, produced on demand
 * @param fileName a file name for it, e.g. {@code sealift-audit-global-1-12034.jsonl}
 * @param format its format
 */
public record AuditExport(InputStream body, String fileName, ExportFormat format) {
}
