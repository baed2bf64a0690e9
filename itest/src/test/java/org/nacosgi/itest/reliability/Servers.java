package org.nacosgi.itest.reliability;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.nacosgi.testkit.NacosTestServer;
import org.nacosgi.testkit.RecordedRequest;

/** Testkit servers for the suite: writes visible at once, so tests await events, not the dump delay. */
final class Servers {
    private Servers() {
    }

    static NacosTestServer.Builder quick() {
        return NacosTestServer.builder().dumpDelay(Duration.ZERO).listDelay(Duration.ZERO);
    }

    static NacosTestServer start() {
        return quick().start();
    }

    /** Requests whose path (after the context path) starts with {@code prefix}. */
    static List<RecordedRequest> requests(NacosTestServer server, String prefix) {
        String full = server.contextPath() + prefix;
        return server.requests().stream().filter(r -> r.path().startsWith(full)).collect(Collectors.toList());
    }

    static long count(NacosTestServer server, String prefix) {
        return requests(server, prefix).size();
    }
}
