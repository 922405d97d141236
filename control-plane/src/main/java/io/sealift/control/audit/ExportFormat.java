package io.sealift.control.audit;

import java.util.Locale;

/** The formats of an audit export. */
public enum ExportFormat {
    /** JSON Lines with the header, the checkpoints and the records: what the verifier checks. */
    JSONL("application/x-ndjson", "jsonl"),
    /** The same records as comma-separated values, for spreadsheets; not verifiable on its own. */
    CSV("text/csv; charset=utf-8", "csv");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** Returns the response's content type. */
    public String mediaType() {
        return mediaType;
    }

    /** Returns the file name extension. */
    public String extension() {
        return extension;
    }

    /**
     * Parses the {@code format} query parameter; absent means JSON Lines.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static ExportFormat parse(String text) {
        if (text == null || text.isEmpty()) {
            return JSONL;
        }
        for (ExportFormat format : values()) {
            if (format.extension.equals(text.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("format: must be jsonl or csv");
    }
}
