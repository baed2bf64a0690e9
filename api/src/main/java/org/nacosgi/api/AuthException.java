package org.nacosgi.api;

/** The server refused the credentials or the token (HTTP 401/403), also after one fresh login. */
public class AuthException extends NacosException {
    private static final long serialVersionUID = 1L;

    public AuthException(String message) {
        super(message);
    }
}
