package org.nacosgi.api.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceTest {
    @Test
    void groupedServiceNameSetsTheGroup() {
        Instance i = Instance.builder("G1@@svc", "10.0.0.1", 80).build();
        assertEquals("G1", i.groupName());
        assertEquals("svc", i.serviceName());
    }

    @Test
    void defaultsAreTheServersDefaultsNeverNone() {
        Instance i = Instance.builder("svc", "10.0.0.1", 80).clusterName(null).groupName("").build();
        assertEquals(Instance.DEFAULT_CLUSTER, i.clusterName());
        assertEquals(Instance.DEFAULT_GROUP, i.groupName());
        assertEquals(1.0, i.weight());
        assertEquals(true, i.ephemeral());
    }

    @Test
    void metadataIsCopiedAndUnmodifiable() {
        java.util.HashMap<String, String> meta = new java.util.HashMap<>(Map.of("k", "v"));
        Instance i = Instance.builder("svc", "10.0.0.1", 80).metadata(meta).build();
        meta.put("k", "changed");
        assertEquals("v", i.metadata().get("k"));
        assertThrows(UnsupportedOperationException.class, () -> i.metadata().put("x", "y"));
    }

    @Test
    void equalityCoversWeightAndMetadata() {
        Instance a = Instance.builder("svc", "10.0.0.1", 80).build();
        assertEquals(a, a.toBuilder().build());
        assertNotEquals(a, a.toBuilder().weight(2).build());
        assertNotEquals(a, a.toBuilder().putMetadata("k", "v").build());
    }

    @Test
    void ipv6AddressIsBracketed() {
        assertEquals("[::1]:80", Instance.builder("svc", "::1", 80).build().address());
    }

    @Test
    void serviceQueryEqualityDefinesTheSubscription() {
        ServiceQuery a = ServiceQuery.builder("G@@svc").clusters("c1").build();
        assertEquals("G", a.groupName());
        assertEquals(a, ServiceQuery.builder("svc").groupName("G").clusters("c1").build());
        assertNotEquals(a, a.toBuilder().healthyOnly(true).build());
    }
}
