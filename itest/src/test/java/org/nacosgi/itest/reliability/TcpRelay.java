package org.nacosgi.itest.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on a fixed loopback port in front of a server: {@link #kill()} closes the port and every
 * connection at once (as a killed process does), {@link #start()} listens on the same port again. With no target it
 * is a "dead" server that accepts and drops connections, counting them.
 */
final class TcpRelay implements AutoCloseable {
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final java.util.List<java.time.Instant> acceptedAt = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean dropping;
    private volatile int port;

    private TcpRelay(int targetPort) {
        this.targetPort = targetPort;
    }

    /** Forwards to {@code 127.0.0.1:targetPort}; listens on a free port. */
    static TcpRelay to(int targetPort) {
        TcpRelay r = new TcpRelay(targetPort);
        r.start();
        return r;
    }

    /** Accepts and at once closes every connection. */
    static TcpRelay dropping() {
        return to(-1);
    }

    int port() {
        return port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    int accepted() {
        return accepted.get();
    }

    /** When each connection was accepted. */
    java.util.List<java.time.Instant> acceptedAt() {
        return java.util.List.copyOf(acceptedAt);
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            port = s.getLocalPort();
            server = s;
            Thread t = new Thread(() -> acceptLoop(s), "relay-accept-" + port);
            t.setDaemon(true);
            t.start();
        } catch (IOException e) {
            throw new AssertionError("cannot listen on port " + port, e);
        }
    }

    /** From now on accepts and at once closes every connection (a dead server behind a live port). */
    void drop() {
        dropping = true;
        acceptedAt.clear();
        accepted.set(0);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** Closes the port and every connection through it. */
    synchronized void kill() {
        ServerSocket s = server;
        server = null;
        closeQuietly(s);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    @Override
    public void close() {
        kill();
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            acceptedAt.add(java.time.Instant.now());
            if (targetPort < 0 || dropping) {
                closeQuietly(client);
                continue;
            }
            sockets.add(client);
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
            if (server != s) { // killed while connecting
                kill();
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "relay-pump-" + port);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
