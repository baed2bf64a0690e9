package org.nacosgi.naming.internal;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.naming.ServiceInfo;

/**
 * The client's one UDP socket for naming pushes and the one thread that blocks on it. A push is
 * {@code {"type":"dom","data":"<ServiceInfo JSON>","lastRefTime":N}}, gzip-compressed when large (detected by the
 * magic bytes); every push is acknowledged to the address it came from (the server's push socket, not its HTTP
 * port) with {@code {"type":"push-ack","lastRefTime":"N","data":""}}, duplicates included, so the server stops
 * re-sending. Duplicates are then dropped here; ordering is the subscriptions' job.
 */
final class PushReceiver implements AutoCloseable {
    static final int MAX_DATAGRAM = 65535;
    /** A pushed list larger than this when inflated is dropped (polling still gets it). */
    static final int MAX_INFLATED = 16 * 1024 * 1024;
    private static final int RECENT = 256;

    private final ThreadFactory threads;
    private final NamingJson json;
    private final Consumer<ServiceInfo> sink;
    private final Logger log;
    private final Map<String, String> localAddressByHost = new ConcurrentHashMap<>();
    /** Keys of the last RECENT pushes, a ring (the oldest is overwritten); touched by the receiver thread only. */
    private final String[] recent = new String[RECENT];
    private int nextRecent;
    private volatile DatagramSocket socket;
    private volatile Thread thread;
    private volatile boolean closed;
    private boolean warnedMalformed;

    PushReceiver(ThreadFactory threads, NamingJson json, Consumer<ServiceInfo> sink, Logger log) {
        this.threads = threads;
        this.json = json;
        this.sink = sink;
        this.log = log;
    }

    /** Opens the socket on a free port of every interface and starts the receiving thread. */
    synchronized void start() throws SocketException {
        if (socket != null || closed) {
            return;
        }
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(0));
        Thread t = threads.newThread(this::receiveLoop);
        socket = s;
        thread = t;
        t.start();
        log.log(Level.DEBUG, "naming push receiver listens on UDP port " + s.getLocalPort());
    }

    boolean isRunning() {
        return socket != null && !closed;
    }

    int port() {
        DatagramSocket s = socket;
        return s == null ? -1 : s.getLocalPort();
    }

    /**
     * Where the server should push: our port, and the local address on the route to the first server (what the
     * server can reach), found once per host by connecting an unbound UDP socket (nothing is sent).
     */
    InetSocketAddress target(List<String> servers) {
        if (!isRunning() || servers.isEmpty()) {
            return null;
        }
        String host;
        try {
            host = URI.create(servers.get(0)).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (host == null) {
            return null;
        }
        String ip = localAddressByHost.computeIfAbsent(host, PushReceiver::localAddressToward);
        return ip == null ? null : InetSocketAddress.createUnresolved(ip, port());
    }

    private static String localAddressToward(String host) {
        try (DatagramSocket probe = new DatagramSocket()) {
            InetAddress server = InetAddress.getByName(host);
            probe.connect(new InetSocketAddress(server, 9));
            InetAddress local = probe.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                return hostAddress();
            }
            return local.getHostAddress();
        } catch (IOException | SecurityException e) {
            return hostAddress();
        }
    }

    /**
     * The host's address when no route says better (and for whiteboard registrations without an ip): the first
     * site-local IPv4 of an up interface, else any IPv4 of one, else what the resolver says.
     */
    static String hostAddress() {
        try {
            String fallback = null;
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback() || nif.isVirtual() || nif.isPointToPoint()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        if (a.isSiteLocalAddress()) {
                            return a.getHostAddress();
                        }
                        if (fallback == null) {
                            fallback = a.getHostAddress();
                        }
                    }
                }
            }
            if (fallback != null) {
                return fallback;
            }
        } catch (SocketException e) {
            // fall through to the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }

    private void receiveLoop() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramSocket s = socket;
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                s.receive(packet);
            } catch (SocketException e) {
                if (!closed) {
                    log.log(Level.WARNING, "naming push receiver stopped (polling continues): " + e.getMessage());
                }
                return;
            } catch (IOException e) {
                log.log(Level.DEBUG, "naming push receive failed: " + e.getMessage());
                continue;
            }
            try {
                handle(Arrays.copyOf(packet.getData(), packet.getLength()), (InetSocketAddress) packet.getSocketAddress());
            } catch (RuntimeException e) {
                if (!warnedMalformed) {
                    warnedMalformed = true;
                    log.log(Level.WARNING, "ignoring a malformed naming push from " + packet.getSocketAddress()
                            + " (reported once): " + e.getMessage());
                }
            }
        }
    }

    /** Package-private for tests: one datagram from {@code from}. */
    void handle(byte[] datagram, InetSocketAddress from) {
        String text = decode(datagram);
        if (text == null) {
            return;
        }
        JsonObject o = json.parseObject(text, "naming push");
        String type = o.getString("type", "");
        JsonValue refValue = o.get("lastRefTime");
        String ref = refValue == null ? "" : refValue.getValueType() == JsonValue.ValueType.STRING
                ? o.getString("lastRefTime") : refValue.toString();
        boolean serviceType = type.equals("dom") || type.equals("service");
        ack(serviceType ? "push-ack" : type.equals("dump") ? "dump-ack" : "unknown-ack", ref, from);
        if (!serviceType) {
            return;
        }
        String data = o.getString("data", "");
        // a re-sent push repeats lastRefTime and data; two services pushed at one instant differ in data
        String key = ref + "|" + data.length() + "|" + data.hashCode();
        if (Arrays.asList(recent).contains(key)) {
            return; // the server re-sent a push (our ack was lost or late)
        }
        recent[nextRecent] = key;
        nextRecent = (nextRecent + 1) % RECENT;
        ServiceInfo info = json.serviceInfo(json.parseObject(data, "naming push data"), "DEFAULT_GROUP",
                "naming push data");
        sink.accept(info);
    }

    private void ack(String type, String ref, InetSocketAddress to) {
        byte[] bytes = json.pushAck(type, ref, "").toString().getBytes(StandardCharsets.UTF_8);
        DatagramSocket s = socket;
        if (s == null) {
            return;
        }
        try {
            s.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            log.log(Level.DEBUG, "cannot acknowledge a naming push to " + to + ": " + e.getMessage());
        }
    }

    private String decode(byte[] datagram) {
        if (datagram.length >= 2 && (datagram[0] & 0xff) == 0x1f && (datagram[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(datagram))) {
                byte[] text = in.readNBytes(MAX_INFLATED + 1); // grows as it reads: a small push costs little
                if (text.length > MAX_INFLATED) {
                    throw new NacosException("a gzip push inflates beyond " + MAX_INFLATED + " bytes");
                }
                return new String(text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new NacosException("a gzip push does not inflate: " + e.getMessage(), e);
            }
        }
        return new String(datagram, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            if (socket != null) {
                socket.close();
            }
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
