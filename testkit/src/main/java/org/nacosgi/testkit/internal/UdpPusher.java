package org.nacosgi.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * UDP push to v1 subscribers, as the real server does it: {@code {"type":"dom","data":"<ServiceInfo>",
 * "lastRefTime":<nanoTime>}}, gzipped from 1024 bytes, sent from its own port; an unacknowledged push is sent once
 * more after the resend delay.
 */
final class UdpPusher {
    private static final String[][] KNOWN_CLIENTS = {
        {"Nacos-Java-Client:v", "0.1.0"}, {"Nacos-DNS:v", "1.0.0"}, {"Nacos-C-Client:v", "1.0.12"},
        {"Nacos-Go-Client:v", "0.1.0"}, {"Nacos-CSharp-Client:v", "0.9.0"}, {"Nacos-Python-Client:v", "0.4.3"}};

    /** One subscriber: a client's UDP address and what it asked for. */
    private static final class Subscriber {
        final InetSocketAddress target;
        final String namespace;
        final String group;
        final String name;
        final String clusters;
        volatile long lastSeen;

        Subscriber(InetSocketAddress target, String namespace, String group, String name, String clusters) {
            this.target = target;
            this.namespace = namespace;
            this.group = group;
            this.name = name;
            this.clusters = clusters;
            this.lastSeen = System.currentTimeMillis();
        }
    }

    private static final class Pending {
        final ScheduledFuture<?> resend;

        Pending(ScheduledFuture<?> resend) {
            this.resend = resend;
        }
    }

    private final Core core;
    private final Map<String, Map<String, Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Map<Long, Pending> unacked = new ConcurrentHashMap<>();
    private final AtomicLong lastRef = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private volatile DatagramSocket socket;
    private Thread receiver;

    UdpPusher(Core core) {
        this.core = core;
    }

    void start() throws SocketException {
        socket = new DatagramSocket(0);
        receiver = new NamedThreads(core.serverId, "udp").newThread(this::receiveAcks);
        receiver.start();
    }

    int port() {
        DatagramSocket s = socket;
        return s == null ? -1 : s.getLocalPort();
    }

    /** True when the User-Agent (or Client-Version) names a client the server pushes to. */
    static boolean pushable(String userAgent, String clientVersion) {
        String ua = userAgent != null && !userAgent.isEmpty() ? userAgent : clientVersion;
        if (ua == null) {
            return false;
        }
        for (String[] k : KNOWN_CLIENTS) {
            if (ua.startsWith(k[0])) {
                return compare(ua.substring(k[0].length()), k[1]) >= 0;
            }
        }
        return false;
    }

    private static int compare(String version, String min) {
        String[] a = version.split("[^0-9]+");
        String[] b = min.split("\\.");
        for (int i = 0; i < 3; i++) {
            int x = i < a.length && !a[i].isEmpty() ? safeInt(a[i]) : 0;
            int y = Integer.parseInt(b[i]);
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static int safeInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Records a subscriber; a new one gets its first push one list delay later, a known one nothing. */
    void subscribe(String namespace, String group, String name, String clusters, InetSocketAddress target) {
        String key = NamingService.key(InstanceStore.namespace(namespace), group, name);
        Map<String, Subscriber> subs = subscribers.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        String id = target + "|" + clusters;
        Subscriber existing = subs.get(id);
        if (existing != null) {
            existing.lastSeen = System.currentTimeMillis();
            return;
        }
        Subscriber s = new Subscriber(target, InstanceStore.namespace(namespace), group, name, clusters);
        subs.put(id, s);
        // the real server pushes to a new subscriber one push delay later, independently of service changes
        core.scheduler.schedule(() -> push(s), core.settings.listDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A service's snapshot was refreshed: push it to every live subscriber. */
    void serviceChanged(String serviceKey) {
        Map<String, Subscriber> subs = subscribers.get(serviceKey);
        if (subs == null) {
            return;
        }
        long expired = System.currentTimeMillis() - 6 * core.settings.removeAfter.toMillis();
        subs.values().removeIf(s -> s.lastSeen < expired);
        for (Subscriber s : subs.values()) {
            push(s);
        }
    }

    private void push(Subscriber s) {
        DatagramSocket sock = socket;
        if (sock == null || sock.isClosed()) {
            return;
        }
        List<Host> hosts = ServiceInfoJson.select(core.instances.listView(s.namespace, s.group, s.name), s.clusters,
                false);
        long refTime = nextRefTime();
        JsonObject data = new ServiceInfoJson(core).serviceInfo(s.group, s.name, s.clusters, hosts,
                core.instances.lastRefTime(s.namespace, s.group, s.name), false);
        String json = core.json.obj().add("type", "dom").add("data", data.toString()).add("lastRefTime", refTime)
                .build().toString();
        byte[] bytes = compressIfLarge(json.getBytes(StandardCharsets.UTF_8));
        // registered before sending: a fast client acks before send() returns
        ScheduledFuture<?> resend = core.scheduler.schedule(() -> {
            if (unacked.remove(refTime) != null) {
                send(socket, bytes, s.target);
            }
        }, core.settings.pushResendAfter.toMillis(), TimeUnit.MILLISECONDS);
        unacked.put(refTime, new Pending(resend));
        send(sock, bytes, s.target);
        sent.incrementAndGet();
    }

    private long nextRefTime() {
        return lastRef.updateAndGet(prev -> Math.max(prev + 1, System.nanoTime()));
    }

    static byte[] compressIfLarge(byte[] raw) {
        if (raw.length < 1024) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory gzip failed", e);
        }
        return out.toByteArray();
    }

    private static void send(DatagramSocket sock, byte[] bytes, InetSocketAddress target) {
        if (sock == null || sock.isClosed()) {
            return;
        }
        try {
            sock.send(new DatagramPacket(bytes, bytes.length, target));
        } catch (IOException | RuntimeException lost) {
            // UDP is best effort; the client's polling is the reliable path
        }
    }

    private void receiveAcks() {
        byte[] buf = new byte[65536];
        DatagramSocket sock = socket;
        while (!sock.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                sock.receive(p);
            } catch (IOException e) {
                return;
            }
            try {
                JsonValue v = core.json.parse(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
                JsonObject o = v.asJsonObject();
                if ("push-ack".equals(o.getString("type", ""))) {
                    JsonValue ref = o.get("lastRefTime");
                    long id = ref.getValueType() == JsonValue.ValueType.NUMBER
                            ? o.getJsonNumber("lastRefTime").longValue() : Long.parseLong(o.getString("lastRefTime"));
                    Pending pending = unacked.remove(id);
                    if (pending != null) {
                        pending.resend.cancel(false);
                        acked.incrementAndGet();
                    }
                }
            } catch (RuntimeException garbage) {
                // not an ack: ignore, as the real server does
            }
        }
    }

    /** {@code ip:udpPort#true} of every subscriber (they show in the 3.x client list). */
    List<String> subscriberIds() {
        List<String> out = new java.util.ArrayList<>();
        for (Map<String, Subscriber> subs : subscribers.values()) {
            for (Subscriber s : subs.values()) {
                out.add(s.target.getAddress().getHostAddress() + ":" + s.target.getPort() + "#true");
            }
        }
        return out;
    }

    long pushesSent() {
        return sent.get();
    }

    long pushesAcked() {
        return acked.get();
    }

    void clearSubscribers() {
        subscribers.clear();
        unacked.clear();
    }

    void stop() {
        DatagramSocket s = socket;
        if (s != null) {
            s.close();
        }
        Thread t = receiver;
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
