package org.nacosgi.api;

import java.time.Duration;

/** A call did not complete within its timeout. */
public class NacosTimeoutException extends NacosException {
    private static final long serialVersionUID = 1L;
    private final Duration timeout;

    public NacosTimeoutException(String message, Duration timeout, Throwable cause) {
        super(message + " (timeout " + timeout.toMillis() + " ms)", cause);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
