package org.nacosgi.api;

/**
 * Root of every exception the nacosgi client throws. Unchecked; {@link java.io.IOException}s are wrapped, never
 * leaked raw. Asynchronous methods complete exceptionally with the same types. Messages never hold a secret.
 */
public class NacosException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NacosException(String message) {
        super(message);
    }

    public NacosException(String message, Throwable cause) {
        super(message, cause);
    }
}
