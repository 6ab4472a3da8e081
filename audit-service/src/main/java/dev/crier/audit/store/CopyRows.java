package dev.crier.audit.store;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)}, which appends a batch several times faster than
 * batched INSERTs (one statement, no per-row bind/parse). Written here, on pgjdbc's own CopyManager, because CSV
 * quoting is a few lines: null is an empty unquoted field, every value is quoted with its quotes doubled.
 */
final class CopyRows {

    private static final HexFormat HEX = HexFormat.of();

    private CopyRows() {
    }

    /** Appends one CSV row of the given values (null for SQL NULL). */
    static void row(StringBuilder rows, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                rows.append(',');
            }
            String v = values[i];
            if (v != null) {
                rows.append('"');
                for (int k = 0; k < v.length(); k++) {
                    char ch = v.charAt(k);
                    if (ch == '"') {
                        rows.append('"');
                    }
                    rows.append(ch);
                }
                rows.append('"');
            }
        }
        rows.append('\n');
    }

    /** A bytea in PostgreSQL's hex input form. */
    static String bytea(byte[] bytes) {
        return "\\x" + HEX.formatHex(bytes);
    }

    /** A text[] literal: every element double-quoted, its backslashes and quotes escaped. */
    static String array(List<String> elements) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(elements.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    /** Copies the rows into {@code table (columns)} on the caller's connection and transaction. */
    static void copy(Connection c, String tableAndColumns, CharSequence rows) throws SQLException {
        try {
            c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + tableAndColumns + " FROM STDIN (FORMAT csv)", new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + tableAndColumns + " failed", e);
        }
    }
}
