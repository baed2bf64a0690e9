package org.nacosgi.cmbridge.internal;

/** What to do with the content of one watched item. Called under the bridge's lock, in the item's order. */
interface ItemHandler {
    /**
     * @param type   the item's Nacos type, or null when not known
     * @param origin where it came from, for the log ({@code server}, {@code snapshot}, {@code change}, ...)
     */
    void present(String content, String type, String origin);

    /** The server says the item does not exist (never said when the server is unreachable). */
    void absent();

    /** The item could not be read at start: no server answered and no snapshot was there. */
    void unreadable(RuntimeException error);
}
