package org.nacosgi.api;

/** The server refused a write because of a conflict: a compare-and-set md5 mismatch or an item being modified. */
public class ConflictException extends NacosException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
