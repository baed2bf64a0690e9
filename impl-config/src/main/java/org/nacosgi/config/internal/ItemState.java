package org.nacosgi.config.internal;

/** What the client knows of a watched item at one moment; {@code version} grows with every change. Immutable. */
final class ItemState {
    static final ItemState UNKNOWN = new ItemState(0, null, "", null);

    final long version;
    /** Null when the item does not exist (or is not known yet). */
    final String content;
    final String md5;
    final String type;

    ItemState(long version, String content, String md5, String type) {
        this.version = version;
        this.content = content;
        this.md5 = md5;
        this.type = type;
    }

    boolean exists() {
        return content != null;
    }
}
