package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingEvent;
import org.nacosgi.api.naming.ServiceQuery;

/** {@link ServiceSubscription#diff}: what a listener is told when a list changes. */
class InstanceDiffTest {
    private static final ServiceQuery Q = ServiceQuery.of("svc");

    private static Instance.Builder host(int port) {
        return Instance.builder("svc", "10.0.0.1", port);
    }

    @Test
    void sameAddressInAnotherClusterIsAnotherInstance() {
        NamingEvent d = ServiceSubscription.diff(Q, List.of(host(80).clusterName("a").build()),
                List.of(host(80).clusterName("b").build()));
        assertEquals(1, d.added().size());
        assertEquals(1, d.removed().size());
        assertTrue(d.modified().isEmpty());
    }

    @Test
    void modifiedCarriesTheNewState() {
        Instance before = host(80).weight(1).build();
        Instance after = host(80).weight(3).putMetadata("k", "v").build();
        NamingEvent d = ServiceSubscription.diff(Q, List.of(before, host(81).build()), List.of(after, host(81).build()));
        assertEquals(List.of(after), d.modified());
        assertTrue(d.added().isEmpty() && d.removed().isEmpty());
    }

    @Test
    void instanceIdAloneIsNoChange() {
        assertNull(ServiceSubscription.diff(Q, List.of(host(80).build()), List.of(host(80).instanceId("x").build())));
    }

    @Test
    void healthAndEnabledAreChanges() {
        assertEquals(1, ServiceSubscription.diff(Q, List.of(host(80).build()), List.of(host(80).healthy(false).build()))
                .modified().size());
        assertEquals(1, ServiceSubscription.diff(Q, List.of(host(80).build()), List.of(host(80).enabled(false).build()))
                .modified().size());
    }
}
