package org.nacosgi.cmbridge.internal;

/** An item's content cannot become a configuration; names the line (and column, when known) at fault. */
public final class BadContentException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long line;
    private final long column;

    /**
     * @param line   1-based; 0 when the content as a whole is at fault
     * @param column 1-based; 0 when unknown
     */
    public BadContentException(long line, long column, String reason) {
        super(where(line, column) + reason);
        this.line = line;
        this.column = column;
    }

    private static String where(long line, long column) {
        if (line <= 0) {
            return "";
        }
        return column > 0 ? "line " + line + ", column " + column + ": " : "line " + line + ": ";
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }
}
