package org.nacosgi.naming.internal;

/** Where the server should send UDP pushes for a subscription: the client's receiver port and address. */
final class PushTarget {
    private final int udpPort;
    private final String clientIp;

    PushTarget(int udpPort, String clientIp) {
        this.udpPort = udpPort;
        this.clientIp = clientIp;
    }

    int udpPort() {
        return udpPort;
    }

    String clientIp() {
        return clientIp;
    }
}
