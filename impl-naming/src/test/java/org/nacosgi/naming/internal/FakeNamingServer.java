package org.nacosgi.naming.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;

/** A scripted v1 list endpoint for the fake transport: a mutable host list, a stamp, an off switch. */
final class FakeNamingServer implements Function<NacosRequest, NacosResponse> {
    private final NamingJson json = new NamingJson(Captures.JSON);
    private final List<Instance> hosts = new ArrayList<>();
    final AtomicLong lastRefTime = new AtomicLong(1_000);
    final AtomicLong lists = new AtomicLong();
    volatile boolean down;

    synchronized void set(Instance... now) {
        hosts.clear();
        hosts.addAll(List.of(now));
    }

    synchronized ServiceInfo info(String service, String group) {
        return new ServiceInfo(service, group, "", List.copyOf(hosts), java.time.Duration.ofSeconds(10),
                lastRefTime.incrementAndGet(), "", false);
    }

    @Override
    public NacosResponse apply(NacosRequest r) {
        if (down) {
            throw new ServerUnavailableException("fake server down", List.of(FakeTransport.SERVER), null);
        }
        if (r.path().equals(V1InstanceApi.LIST)) {
            lists.incrementAndGet();
            String grouped = r.query().get("serviceName");
            int sep = grouped.indexOf("@@");
            return FakeTransport.ok(json.serviceInfoJson(info(grouped.substring(sep + 2), grouped.substring(0, sep))));
        }
        return FakeTransport.ok("ok");
    }
}
