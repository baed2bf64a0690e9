package org.nacosgi.transport.internal;

/** The headers every request carries, as the official clients send them (the protocol doc, section 2). */
final class ClientHeaders {
    /** The wire protocol version we speak; servers gate behaviour (UDP push) on it. */
    static final String PROTOCOL_VERSION = "1.4.8";
    static final String NACOSGI_VERSION = "0.1.0";
    /** UDP push requires the {@code Nacos-Java-Client:v} prefix and a version >= 0.1.0. */
    static final String USER_AGENT = "Nacos-Java-Client:v" + PROTOCOL_VERSION + " nacosgi/" + NACOSGI_VERSION;
    static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=UTF-8";

    static final String USER_AGENT_HEADER = "User-Agent";
    static final String CLIENT_VERSION_HEADER = "Client-Version";
    static final String REQUEST_ID_HEADER = "RequestId";
    static final String ACCEPT_CHARSET_HEADER = "Accept-Charset";
    static final String CONTENT_TYPE_HEADER = "Content-Type";

    private ClientHeaders() {
    }
}
