package org.nacosgi.api;

/** The server's answer could not be understood: truncated or malformed JSON, wrong content, an HTML error page. */
public class MalformedResponseException extends NacosException {
    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedResponseException(String message) {
        super(message);
    }
}
