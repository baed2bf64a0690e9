package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.naming.Instance;

class InstanceDiffTest {
    private static Instance.Builder host(int port) {
        return Instance.builder("svc", "10.0.0.1", port);
    }

    @Test
    void sameAddressInAnotherClusterIsAnotherInstance() {
        InstanceDiff d = InstanceDiff.between(List.of(host(80).clusterName("a").build()),
                List.of(host(80).clusterName("b").build()));
        assertEquals(1, d.added.size());
        assertEquals(1, d.removed.size());
        assertTrue(d.modified.isEmpty());
    }

    @Test
    void modifiedCarriesTheNewState() {
        Instance before = host(80).weight(1).build();
        Instance after = host(80).weight(3).putMetadata("k", "v").build();
        InstanceDiff d = InstanceDiff.between(List.of(before, host(81).build()), List.of(after, host(81).build()));
        assertEquals(List.of(after), d.modified);
        assertTrue(d.added.isEmpty() && d.removed.isEmpty());
    }

    @Test
    void instanceIdAloneIsNoChange() {
        InstanceDiff d = InstanceDiff.between(List.of(host(80).build()), List.of(host(80).instanceId("x").build()));
        assertTrue(d.isEmpty());
    }

    @Test
    void healthAndEnabledAreChanges() {
        assertEquals(1, InstanceDiff.between(List.of(host(80).build()), List.of(host(80).healthy(false).build())).modified.size());
        assertEquals(1, InstanceDiff.between(List.of(host(80).build()), List.of(host(80).enabled(false).build())).modified.size());
    }
}
