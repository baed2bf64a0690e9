package org.nacosgi.api;

/** The server answered with an error status the other types do not cover (e.g. HTTP 400 for a value it refuses). */
public class ServerErrorException extends NacosException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ServerErrorException(int status, String message) {
        super("HTTP " + status + ": " + message);
        this.status = status;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }
}
