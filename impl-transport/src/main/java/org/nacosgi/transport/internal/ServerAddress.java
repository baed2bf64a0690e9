package org.nacosgi.transport.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.InvalidArgumentException;

/** One Nacos server: scheme, host, port and the context path, i.e. the base URL requests are made under. */
final class ServerAddress {
    private final String scheme;
    private final String host;
    private final int port;
    private final String baseUrl;

    ServerAddress(String scheme, String host, int port, String contextPath) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.baseUrl = scheme + "://" + host + ":" + port + contextPath;
    }

    /**
     * Parses {@code host}, {@code host:port} or {@code scheme://host:port} (IPv6 in brackets); the port defaults
     * to {@value ClientOptions#DEFAULT_PORT}, the scheme to http. {@code option} names the setting in errors.
     */
    static ServerAddress parse(String address, String contextPath, String option) {
        String rest = address.trim();
        String scheme = "http";
        int sep = rest.indexOf("://");
        if (sep >= 0) {
            scheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new InvalidArgumentException(option, "scheme must be http or https in '" + address + "'");
            }
            rest = rest.substring(sep + 3);
        }
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty() || rest.contains("/") || rest.contains("@") || rest.contains("?")) {
            throw new InvalidArgumentException(option,
                    "expected host, host:port or scheme://host:port in '" + address + "'");
        }
        String host = rest;
        int port = ClientOptions.DEFAULT_PORT;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf(']')) {
            host = rest.substring(0, colon);
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException(option, "port is not a number in '" + address + "'");
            }
            if (port < 1 || port > 65535) {
                throw new InvalidArgumentException(option, "port out of range in '" + address + "'");
            }
        }
        if (host.isEmpty() || (host.indexOf(':') >= 0 && !host.startsWith("["))) {
            throw new InvalidArgumentException(option, "not a valid host in '" + address + "'");
        }
        return new ServerAddress(scheme, host, port, contextPath);
    }

    /** Parses a comma-separated list or a list of entries (each may itself hold commas); duplicates are dropped. */
    static List<ServerAddress> parseAll(List<String> addresses, String contextPath, String option) {
        List<ServerAddress> out = new ArrayList<>();
        for (String entry : addresses) {
            for (String part : entry.split(",")) {
                if (!part.isBlank()) {
                    ServerAddress a = parse(part, contextPath, option);
                    if (!out.contains(a)) {
                        out.add(a);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    String scheme() { return scheme; }
    String host() { return host; }
    int port() { return port; }
    /** {@code http://host:port/ctx}, without a trailing slash. */
    String baseUrl() { return baseUrl; }

    boolean isHttps() {
        return scheme.equals("https");
    }

    /** Whether the host is a loopback name or address (no DNS lookup for names other than localhost). */
    boolean isLoopback() {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!Character.isDigit(h.charAt(0)) && h.indexOf(':') < 0) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerAddress && ((ServerAddress) o).baseUrl.equals(baseUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(baseUrl);
    }

    @Override
    public String toString() {
        return baseUrl;
    }
}
