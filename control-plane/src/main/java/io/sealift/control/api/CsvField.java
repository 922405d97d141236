package io.sealift.control.api;

/**
 * One field of a CSV response (RFC 4180), safe for spreadsheets: quoted when it holds a comma, a
 * quote or a line break; one that starts with {@code = + - @}, a tab or a carriage return gets a
 * leading {@code '} so a spreadsheet does not run it as a formula. Stateless.
 */
public final class CsvField {
    private CsvField() {
    }

    /** Returns {@code value} as a CSV field. */
    public static String escape(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
