package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.MalformedResponseException;
import org.nacosgi.api.naming.BeatResult;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.api.spi.NacosResponse;

/** The naming JSON shapes, read from the real 2.5.1 and 3.0.3 captures. */
class NamingJsonTest {
    final NamingJson json = new NamingJson(Captures.JSON);

    private ServiceInfo v1List(String version, String name) {
        return json.serviceInfo(json.parseObject(Captures.responseBody(version, "naming-v1.json", name), "t"),
                "DEFAULT_GROUP", "t");
    }

    @Test
    void readsA251ListWithInstanceIds() {
        ServiceInfo info = v1List("2.5.1", "list");
        assertTrue(info.serviceName().startsWith("cap-svc-"));
        assertEquals("CAP_GROUP", info.groupName());
        assertEquals("c1", info.clusters());
        assertEquals(Duration.ofSeconds(10), info.cacheMillis());
        assertEquals(1, info.hosts().size());
        Instance i = info.hosts().get(0);
        assertEquals("127.0.0.1", i.ip());
        assertEquals(18080, i.port());
        assertEquals(2.5, i.weight());
        assertEquals("c1", i.clusterName());
        assertEquals("CAP_GROUP", i.groupName());
        assertEquals(info.serviceName(), i.serviceName());
        assertEquals(Map.of("version", "1.0", "zone", "z1"), i.metadata());
        assertTrue(i.instanceId().isPresent());
        assertTrue(info.lastRefTime() > 0);
    }

    @Test
    void readsA303ListWithAllIpsAndHostsWithoutInstanceId() {
        String body = Captures.responseBody("3.0.3", "compat-v3.json", "v1-list-both");
        assertTrue(body.contains("\"allIps\""));
        ServiceInfo info = json.serviceInfo(json.parseObject(body, "t"), "DEFAULT_GROUP", "t");
        assertEquals(2, info.hosts().size());
        assertEquals(1, info.hosts().stream().filter(h -> h.instanceId().isPresent()).count(),
                "the v3-registered host has no instanceId");
    }

    @Test
    void readsTheV3ClientArray() {
        NacosResponse r = FakeTransport.ok(Captures.responseBody("3.0.3", "client-v3.json", "list"));
        ServiceQuery q = ServiceQuery.builder("cap-v3svc-00454845n").groupName("CAP_GROUP").clusters("c1").build();
        ServiceInfo info = new V3InstanceApi(json).readList(r, q, "t");
        assertEquals(1, info.hosts().size());
        Instance i = info.hosts().get(0);
        assertEquals(18600, i.port());
        assertEquals("CAP_GROUP", i.groupName());
        assertFalse(i.instanceId().isPresent());
        assertEquals(0, info.lastRefTime(), "the v3 list carries no version stamp");
    }

    @Test
    void readsPushDataWithoutGroupName() {
        String data = Captures.exchange("2.5.1", "naming-push-udp.json", "udp-datagram-after-subscribe-1")
                .getJsonObject("response").getJsonObject("decoded_json").getString("data");
        ServiceInfo info = json.serviceInfo(json.parseObject(data, "t"), "DEFAULT_GROUP", "t");
        assertEquals("DEFAULT_GROUP", info.groupName());
        assertEquals(1, info.hosts().size());
        assertEquals(18300, info.hosts().get(0).port());
    }

    @Test
    void readsBeatAnswers() {
        BeatResult ok = json.beatResult(Captures.responseBody("2.5.1", "naming-v1.json", "beat"), Duration.ofSeconds(1), "t");
        assertEquals(BeatResult.CODE_OK, ok.code());
        assertEquals(Duration.ofSeconds(5), ok.clientBeatInterval());
        assertTrue(ok.lightBeatEnabled());
        BeatResult lost = json.beatResult(Captures.responseBody("2.5.1", "naming-v1.json", "light-beat-unknown"),
                Duration.ofSeconds(1), "t");
        assertFalse(lost.instanceFound());
        BeatResult old = json.beatResult("{\"clientBeatInterval\":3000}", Duration.ofSeconds(1), "t");
        assertEquals(BeatResult.CODE_OK, old.code(), "1.0 servers send no code");
    }

    @Test
    void v3HeartbeatForAnUnknownInstanceMeansRegisterAgain() {
        NacosResponse r = FakeTransport.ok(Captures.responseBody("3.0.3", "client-v3.json", "heartbeat-unknown-instance"));
        BeatResult b = new V3InstanceApi(json).readBeat(r, Duration.ofSeconds(5), "t");
        assertFalse(b.instanceFound());
        assertEquals(Duration.ofSeconds(5), b.clientBeatInterval());
    }

    @Test
    void cacheFormatRoundTrips() {
        ServiceInfo info = v1List("2.5.1", "list");
        ServiceInfo back = json.serviceInfo(json.parseObject(json.serviceInfoJson(info), "t"), "X", "t");
        assertEquals(info.hosts(), back.hosts());
        assertEquals(info.groupName(), back.groupName());
        assertEquals(info.serviceName(), back.serviceName());
        assertEquals(info.lastRefTime(), back.lastRefTime());
    }

    @Test
    void malformedAnswersNameWhatFailed() {
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> json.serviceInfo(json.parseObject("<html>", "list svc"), "G", "list svc"));
        assertTrue(e.getMessage().startsWith("list svc"), e.getMessage());
        assertThrows(MalformedResponseException.class,
                () -> json.serviceInfo(json.parseObject("{\"hosts\":[]}", "t"), "G", "t"));
        assertThrows(MalformedResponseException.class,
                () -> json.serviceInfo(json.parseObject("{\"name\":\"G@@s\",\"hosts\":[{\"ip\":\"1.2.3.4\"}]}", "t"), "G", "t"));
    }

    @Test
    void beatBodyIsWhatA1xClientSends() {
        Instance i = Instance.builder("G@@svc", "10.0.0.1", 80).clusterName("c1").weight(5).putMetadata("k", "v").build();
        var o = json.parseObject(json.beatBody(i, Duration.ofSeconds(5)), "t");
        assertEquals("G@@svc", o.getString("serviceName"));
        assertEquals("c1", o.getString("cluster"));
        assertEquals(80, o.getInt("port"));
        assertEquals(5000, o.getInt("period"));
        assertEquals("v", o.getJsonObject("metadata").getString("k"));
        assertEquals(List.of("serviceName", "ip", "port", "cluster", "weight", "metadata", "scheduled", "period", "stopped"),
                List.copyOf(o.keySet()));
    }
}
