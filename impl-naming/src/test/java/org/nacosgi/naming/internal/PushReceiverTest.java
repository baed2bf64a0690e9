package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingEvent;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.api.spi.NacosRequest;

/** Crafted datagrams to the client's push port: acks, gzip, duplicates and out-of-order pushes. */
class PushReceiverTest {
    @TempDir
    Path dir;
    FakeTransport transport;
    FakeNamingServer server;
    FakeRuntime runtime;
    HttpNamingService naming;
    DatagramSocket fakeServerSocket;
    final NamingJson json = new NamingJson(Captures.JSON);

    @BeforeEach
    void setUp() throws Exception {
        transport = new FakeTransport();
        server = new FakeNamingServer();
        transport.handler = server;
        runtime = new FakeRuntime(ClientOptions.builder().serverAddr("127.0.0.1:8848").namingCacheDir(dir)
                .clientName("push").build(), transport);
        naming = new HttpNamingService(runtime);
        runtime.onClose(transport);
        runtime.onClose(naming);
        fakeServerSocket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        fakeServerSocket.setSoTimeout((int) Timing.deadline().toMillis());
    }

    @AfterEach
    void tearDown() {
        fakeServerSocket.close();
        runtime.close();
    }

    private String push(long lastRefTime, long dataRefTime, Instance... hosts) {
        return push("", lastRefTime, dataRefTime, hosts);
    }

    private String push(String clusters, long lastRefTime, long dataRefTime, Instance... hosts) {
        ServiceInfo info = new ServiceInfo("svc", "DEFAULT_GROUP", clusters, List.of(hosts), Duration.ofSeconds(10),
                dataRefTime, "", false);
        // the real push data has no groupName; strip it as the server does
        String data = json.serviceInfoJson(info).replace("\"groupName\":\"DEFAULT_GROUP\",", "");
        return Captures.JSON.createObjectBuilder().add("type", "dom").add("data", data).add("lastRefTime", lastRefTime)
                .build().toString();
    }

    private JsonObject sendAndReadAck(byte[] datagram) throws Exception {
        fakeServerSocket.send(new DatagramPacket(datagram, datagram.length,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), naming.pushPort())));
        byte[] buf = new byte[2048];
        DatagramPacket ack = new DatagramPacket(buf, buf.length);
        fakeServerSocket.receive(ack);
        return json.parseObject(new String(buf, 0, ack.getLength(), StandardCharsets.UTF_8), "ack");
    }

    private static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static Instance host(int port) {
        return Instance.builder("svc", "10.0.0.1", port).build();
    }

    @Test
    void subscriptionListCallAsksForPushesToOurSocket() throws Exception {
        SubscriptionTest.Recorder r = new SubscriptionTest.Recorder();
        naming.subscribe(r, ServiceQuery.of("svc"), Duration.ofMinutes(1));
        r.next();
        NacosRequest list = transport.requests.stream().filter(q -> q.path().equals(V1InstanceApi.LIST)).findFirst().orElseThrow();
        assertEquals(String.valueOf(naming.pushPort()), list.query().get("udpPort"));
        assertEquals("127.0.0.1", list.query().get("clientIP"), "the local address on the route to the server");
    }

    @Test
    void pushesAreAckedAndDuplicatesOrOlderOnesProduceNoEvent() throws Exception {
        SubscriptionTest.Recorder r = new SubscriptionTest.Recorder();
        naming.subscribe(r, ServiceQuery.of("svc"), Duration.ofMinutes(1));
        assertTrue(r.next().added().isEmpty());

        String first = push(111, 5_000, host(1));
        JsonObject ack = sendAndReadAck(first.getBytes(StandardCharsets.UTF_8));
        assertEquals("push-ack", ack.getString("type"));
        assertEquals("111", ack.getString("lastRefTime"), "lastRefTime echoed as a string");
        assertEquals("", ack.getString("data"));
        assertEquals(List.of(host(1)), r.next().added());

        // the server re-sends the same datagram when an ack was lost: acked again, no event
        assertEquals("111", sendAndReadAck(first.getBytes(StandardCharsets.UTF_8)).getString("lastRefTime"));
        // an out-of-order push (older data) with a new id: acked, no event
        assertEquals("112", sendAndReadAck(push(112, 4_000, host(9)).getBytes(StandardCharsets.UTF_8))
                .getString("lastRefTime"));
        // a newer, gzip-compressed push: its event is the next one, so the two above produced none
        assertEquals("113", sendAndReadAck(gzip(push(113, 6_000, host(1), host(2)))).getString("lastRefTime"));
        NamingEvent next = r.next();
        assertEquals(List.of(host(2)), next.added());
        assertTrue(next.removed().isEmpty());
        assertTrue(r.events.isEmpty());
    }

    @Test
    void pushesForOtherServicesOrClustersAreAckedAndIgnored() throws Exception {
        SubscriptionTest.Recorder r = new SubscriptionTest.Recorder();
        naming.subscribe(r, ServiceQuery.builder("svc").clusters("c1").build(), Duration.ofMinutes(1));
        r.next();
        assertNotNull(sendAndReadAck(push(200, 9_000, host(1)).getBytes(StandardCharsets.UTF_8)),
                "a push for clusters \"\" is not for the c1 subscription");
        String c1 = push("c1", 201, 9_001, host(3).toBuilder().clusterName("c1").build());
        sendAndReadAck(c1.getBytes(StandardCharsets.UTF_8));
        NamingEvent e = r.next();
        assertEquals(1, e.added().size());
        assertEquals(3, e.added().get(0).port(), "the c1 push is the first event after the initial one");
    }

    @Test
    void malformedDatagramsDoNotStopTheReceiver() throws Exception {
        SubscriptionTest.Recorder r = new SubscriptionTest.Recorder();
        naming.subscribe(r, ServiceQuery.of("svc"), Duration.ofMinutes(1));
        r.next();
        byte[] junk = {0x1f, (byte) 0x8b, 1, 2, 3};
        fakeServerSocket.send(new DatagramPacket(junk, junk.length,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), naming.pushPort())));
        byte[] notJson = "hello".getBytes(StandardCharsets.UTF_8);
        fakeServerSocket.send(new DatagramPacket(notJson, notJson.length,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), naming.pushPort())));
        sendAndReadAck(push(300, 9_999, host(4)).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(host(4)), r.next().added());
    }

    @Test
    void pushDisabledOpensNoSocket() {
        FakeRuntime rt = new FakeRuntime(ClientOptions.builder().serverAddr("127.0.0.1:8848").namingCacheDir(dir)
                .pushEnabled(false).clientName("nopush").build(), transport);
        HttpNamingService n = new HttpNamingService(rt);
        rt.onClose(n);
        try {
            n.subscribe(e -> { }, ServiceQuery.of("svc"), Duration.ofMinutes(1));
            assertEquals(-1, n.pushPort());
            assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("nacosgi-nopush-udp")));
        } finally {
            rt.close();
        }
    }
}
