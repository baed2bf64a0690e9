package org.nacosgi.api;

import java.util.List;

/** No server answered: every server was tried and failed (connect failure, timeout or HTTP 500/502/503). */
public class ServerUnavailableException extends NacosException {
    private static final long serialVersionUID = 1L;
    private final List<String> serversTried;

    public ServerUnavailableException(String message, List<String> serversTried, Throwable cause) {
        super(message + " (servers tried: " + String.join(", ", serversTried) + ")", cause);
        this.serversTried = List.copyOf(serversTried);
    }

    /** The base URLs tried, in order. */
    public List<String> serversTried() {
        return serversTried;
    }
}
