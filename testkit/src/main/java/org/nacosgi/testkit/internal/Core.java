package org.nacosgi.testkit.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The server's state and shared services; survives a restart (the HTTP endpoint does not). */
final class Core {
    final Settings settings;
    final String serverId;
    final Json json = new Json();
    final Dialect dialect;
    final Tenants tenants;
    final ScheduledThreadPoolExecutor scheduler;
    final ConfigStore configs;
    final LongPolls longPolls;
    final Namespaces namespaces;
    final Auth auth;
    final InstanceStore instances;
    final UdpPusher pusher;
    final FaultRules faults;
    final RequestLog log = new RequestLog();
    final OpenCalls openCalls = new OpenCalls();
    /** The port actually bound (settings.port may be 0). */
    volatile int port;

    Core(Settings settings, String serverId) {
        this.settings = settings;
        this.serverId = serverId;
        this.dialect = new Dialect(settings, json);
        this.tenants = new Tenants(settings.v3());
        this.scheduler = new ScheduledThreadPoolExecutor(2, new NamedThreads(serverId, "scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.configs = new ConfigStore(scheduler, settings.dumpDelay, settings.adminDumpDelay);
        this.longPolls = new LongPolls(scheduler);
        this.namespaces = new Namespaces();
        this.auth = new Auth(settings, json);
        this.pusher = new UdpPusher(this);
        this.instances = new InstanceStore(this);
        this.faults = new FaultRules(settings.contextPath);
    }

    /** Stops the scheduler; waits briefly so no task runs after stop() returns. */
    void shutdown() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
