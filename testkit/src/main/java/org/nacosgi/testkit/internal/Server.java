package org.nacosgi.testkit.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nacosgi.testkit.Fault;
import org.nacosgi.testkit.InstanceView;
import org.nacosgi.testkit.RecordedRequest;

/** One running testkit: its core (state, scheduler, UDP) and its HTTP endpoint. Behind NacosTestServer. */
public final class Server {
    private final Core core;
    private final Router router;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Endpoint endpoint;
    private volatile int port;

    private Server(Core core) {
        this.core = core;
        this.router = new Router(core);
    }

    /** Starts listening (port 0 = free port) and starts the server's threads. */
    public static Server start(Settings settings) throws IOException {
        Core core = new Core(settings, settings.port == 0 ? "p" + Integer.toHexString(System.identityHashCode(settings))
                : String.valueOf(settings.port));
        Server s = new Server(core);
        try {
            core.pusher.start();
            core.instances.start();
            s.endpoint = new Endpoint(core, s.router, settings.port);
            s.port = s.endpoint.port();
            core.port = s.port;
        } catch (IOException | RuntimeException e) {
            s.stop();
            throw e;
        }
        return s;
    }

    public Settings settings() {
        return core.settings;
    }

    public int port() {
        return port;
    }

    public int udpPort() {
        return core.pusher.port();
    }

    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        Endpoint e = endpoint;
        if (e != null) {
            e.stop();
        }
        core.longPolls.dropAll();
        core.openCalls.abortAll();
        core.faults.dropPaused();
        core.instances.stop();
        core.pusher.stop();
        core.shutdown();
    }

    public synchronized void restart(boolean forgetEphemeral) throws IOException {
        if (stopped.get()) {
            throw new IllegalStateException("the testkit on port " + port + " is stopped");
        }
        endpoint.stop();
        core.longPolls.dropAll();
        core.openCalls.abortAll();
        core.faults.dropPaused();
        if (forgetEphemeral) {
            core.instances.forgetEphemeral();
            core.pusher.clearSubscribers();
        }
        endpoint = new Endpoint(core, router, port);
    }

    public void reset() {
        clearFaults();
        core.configs.clear();
        core.instances.clear();
        core.pusher.clearSubscribers();
        core.namespaces.clear();
        core.auth.reset();
        core.log.clear();
    }

    public List<RecordedRequest> requests() {
        return core.log.snapshot();
    }

    public void clearRequests() {
        core.log.clear();
    }

    public void fault(String method, String pathPrefix, Fault fault) {
        core.faults.add(method, pathPrefix, fault);
    }

    public void clearFaults() {
        for (Runnable r : core.faults.clear()) {
            r.run();
        }
    }

    public void putConfig(String tenant, String group, String dataId, String content, String type) {
        core.configs.publish(core.tenants.forWrite(tenant), group, dataId, content, type, null, null, null, null,
                "127.0.0.1", true);
    }

    public void removeConfig(String tenant, String group, String dataId) {
        core.configs.delete(core.tenants.forWrite(tenant), group, dataId, "127.0.0.1", true);
    }

    public Optional<String> config(String tenant, String group, String dataId) {
        ConfigItem i = core.configs.stored(core.tenants.forWrite(tenant), group, dataId);
        return i == null ? Optional.empty() : Optional.of(i.content);
    }

    public List<InstanceView> instances(String namespace, String groupedServiceName) {
        String group = ServiceRef.DEFAULT_GROUP;
        String name = groupedServiceName;
        int at = groupedServiceName.indexOf("@@");
        if (at >= 0) {
            group = groupedServiceName.substring(0, at);
            name = groupedServiceName.substring(at + 2);
        }
        List<InstanceView> out = new ArrayList<>();
        for (Host h : core.instances.currentHosts(namespace, group, name)) {
            out.add(new InstanceView(h.ip, h.port, h.cluster, h.weight, h.healthy, h.enabled, h.ephemeral,
                    h.metadata));
        }
        return out;
    }

    public long pushesSent() {
        return core.pusher.pushesSent();
    }

    public long pushesAcked() {
        return core.pusher.pushesAcked();
    }

    public int heldLongPolls() {
        return core.longPolls.size();
    }
}
