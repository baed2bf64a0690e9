package org.nacosgi.api;

/** The server (or the local copy consulted instead) has no such config item, instance or service. */
public class NotFoundException extends NacosException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
