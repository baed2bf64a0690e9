package org.nacosgi.config.internal;

/**
 * A config's content with its md5 and type, or "not found": a server's answer to a read, or a failover file's content
 * (which has no type). Immutable.
 */
final class Fetched {
    private static final Fetched MISSING = new Fetched(null, "", null);

    private final String content;
    private final String md5;
    private final String type;

    Fetched(String content, String md5, String type) {
        this.content = content;
        this.md5 = md5;
        this.type = type;
    }

    static Fetched found(String content, String type) {
        return new Fetched(content, Md5.of(content), type == null || type.isEmpty() ? "text" : type);
    }

    static Fetched missing() {
        return MISSING;
    }

    boolean exists() { return content != null; }
    /** Null when missing. */
    String content() { return content; }
    /** "" when missing. */
    String md5() { return md5; }
    /** Null when missing or unknown. */
    String type() { return type; }
}
