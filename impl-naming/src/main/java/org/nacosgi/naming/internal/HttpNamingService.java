package org.nacosgi.naming.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.naming.BeatResult;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.naming.NamingService;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.api.spi.ClientRuntime;

/**
 * The naming service over the HTTP transport: registrations kept alive by the {@link BeatScheduler}, lists from
 * the {@link ServiceLister} (failover files, servers, disk cache), {@link Subscriptions} fed by polls and UDP
 * pushes. Everything runs on the runtime's scheduler, callback pool and one UDP thread; {@link #close()} (called
 * when the runtime closes) ends subscriptions and heartbeats and deregisters the ephemeral instances.
 */
public final class HttpNamingService implements NamingService, AutoCloseable {
    private final ClientRuntime runtime;
    private final ClientOptions options;
    private final Logger log;
    private final NamingJson json;
    private final InstanceCalls calls;
    private final BeatScheduler beats;
    private final ServiceLister lister;
    private final Subscriptions subscriptions;
    private final Random random;
    private final PushReceiver push;
    private final AtomicBoolean pushStarted = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    public HttpNamingService(ClientRuntime runtime) {
        this(runtime, new Random());
    }

    /** {@code random} drives {@link #selectOneHealthyInstance(ServiceQuery)} (tests pass a seeded one). */
    HttpNamingService(ClientRuntime runtime, Random random) {
        this.runtime = runtime;
        this.options = runtime.options();
        this.log = runtime.logger(HttpNamingService.class);
        this.json = new NamingJson(runtime.json());
        this.calls = new InstanceCalls(runtime.transport(), json, options.namespace(), options.username().isPresent(),
                runtime.callbackExecutor());
        this.beats = new BeatScheduler(runtime.scheduler(), calls, runtime.logger(BeatScheduler.class));
        Logger fileLog = runtime.logger(ServiceCacheFiles.class);
        this.lister = new ServiceLister(calls, new ServiceCacheFiles(options.namingCacheDir(), json, fileLog),
                new FailoverFiles(options.namingCacheDir(), json, fileLog), runtime.logger(ServiceLister.class));
        this.push = options.pushEnabled()
                ? new PushReceiver(runtime.threadFactory("udp"), json, this::pushed, runtime.logger(PushReceiver.class))
                : null;
        this.subscriptions = new Subscriptions(runtime.scheduler(), runtime.callbackExecutor(), lister,
                this::pushTarget, runtime.logger(Subscriptions.class));
        this.random = random;
    }

    @Override
    public void addNamingInstance(Instance instance, Duration heartbeatInterval) {
        checkOpen();
        checkInstance(instance);
        NamingArguments.checkHeartbeatInterval(heartbeatInterval);
        calls.register(instance);
        if (instance.ephemeral()) {
            beats.start(instance, heartbeatInterval, true);
        }
    }

    /**
     * Registers in the background: the instance is registered by its beat task, retried every interval until the
     * server takes it, then kept alive. For whiteboard registrations, which must not block or fail their caller.
     */
    public void addNamingInstanceInBackground(Instance instance, Duration heartbeatInterval) {
        checkOpen();
        checkInstance(instance);
        NamingArguments.checkHeartbeatInterval(heartbeatInterval);
        beats.start(instance, heartbeatInterval, false);
    }

    @Override
    public void removeNamingInstance(Instance instance) {
        checkOpen();
        NamingArguments.checkIdentity(instance);
        beats.stop(instance, options.defaultTimeout());
        calls.deregister(instance);
    }

    @Override
    public void modifyNamingInstance(Instance instance) {
        checkOpen();
        checkInstance(instance);
        calls.modify(instance);
        beats.update(instance);
    }

    @Override
    public ServiceInfo listNamingInstance(ServiceQuery query) {
        checkOpen();
        NamingArguments.checkQuery(query);
        return lister.list(query);
    }

    @Override
    public CompletableFuture<ServiceInfo> listNamingInstanceAsync(ServiceQuery query) {
        try {
            checkOpen();
            NamingArguments.checkQuery(query);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ServiceInfo> out = new CompletableFuture<>();
        // completed on the callback pool: stages the user chains must not run on the transport's one HTTP thread,
        // where a blocking call would wait for that same thread until it timed out
        lister.listAsync(query, null, null).whenComplete((info, err) -> {
            Runnable complete = () -> {
                if (err != null) {
                    out.completeExceptionally(ServiceLister.unwrap(err));
                } else {
                    out.complete(info);
                }
            };
            try {
                runtime.callbackExecutor().execute(complete);
            } catch (RejectedExecutionException closed) {
                complete.run();
            }
        });
        return out;
    }

    @Override
    public Instance getNamingInstance(String serviceName, String ip, int port, String clusterName, String groupName) {
        checkOpen();
        Instance.Builder wanted = Instance.builder(serviceName, ip, port).clusterName(clusterName);
        if (serviceName == null || !serviceName.contains("@@")) {
            wanted.groupName(groupName); // a group in the service name wins
        }
        Instance i = wanted.build();
        NamingArguments.checkIdentity(i);
        return calls.detail(i);
    }

    @Override
    public BeatResult sendHeartbeat(Instance instance) {
        checkOpen();
        checkInstance(instance);
        return calls.beat(instance, false, DEFAULT_HEARTBEAT_INTERVAL);
    }

    /**
     * {@inheritDoc} A null {@code interval} follows the server's {@code cacheMillis} (7 s until the first answer).
     * A listener subscribed again to the same query keeps its state and takes the new interval.
     */
    @Override
    public void subscribe(NamingListener listener, ServiceQuery query, Duration interval) {
        checkOpen();
        NamingArguments.requireNonNull("listener", listener);
        NamingArguments.checkQuery(query);
        NamingArguments.checkInterval("interval", interval);
        startPush();
        subscriptions.subscribe(listener, complete(query), interval);
    }

    /**
     * {@inheritDoc} Matches subscriptions by namespace, group and service name; the clusters and health filter of
     * {@code query} are not compared.
     */
    @Override
    public boolean unsubscribe(ServiceQuery query, NamingListener listener) {
        checkOpen();
        NamingArguments.requireNonNull("listener", listener);
        NamingArguments.checkQuery(query);
        return subscriptions.unsubscribe(complete(query), listener);
    }

    @Override
    public boolean unsubscribe(String serviceName, String listenerName) {
        checkOpen();
        NamingArguments.requireNonNull("listenerName", listenerName);
        ServiceQuery q = ServiceQuery.of(serviceName);
        NamingArguments.checkQuery(q);
        return subscriptions.unsubscribe(complete(q), listenerName);
    }

    @Override
    public void stopSubscribe() {
        checkOpen();
        subscriptions.stopAll();
    }

    /** Uses a subscription's list of the same query when there is one, else lists the service. */
    @Override
    public Optional<Instance> selectOneHealthyInstance(ServiceQuery query) {
        checkOpen();
        NamingArguments.checkQuery(query);
        List<Instance> hosts = subscriptions.known(complete(query));
        if (hosts == null) {
            hosts = lister.list(query).hosts();
        }
        return chooseWeighted(hosts, random);
    }

    @Override
    public Map<String, String> metadataFromJson(String text) {
        Map<String, String> m = json.metadataFromUserJson(text);
        NamingArguments.checkMetadata(m);
        return m;
    }

    /** How many instances are heartbeating (for tests and the whiteboard). */
    int beatingInstances() {
        return beats.size();
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    /** The UDP port of the push receiver, or -1 when there is none. */
    int pushPort() {
        return push == null ? -1 : push.port();
    }

    /**
     * Ends subscriptions and pushes, stops every heartbeat and deregisters the ephemeral instances, waiting at most
     * the client's default timeout. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        subscriptions.close();
        if (push != null) {
            push.close();
        }
        Duration bound = options.defaultTimeout();
        long deadline = System.nanoTime() + bound.toNanos();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Instance i : beats.stopAll(bound)) {
            pending.add(calls.deregisterAsync(i).exceptionally(err -> {
                log.log(Level.WARNING, "could not deregister " + i + " on close: "
                        + ServiceLister.unwrap(err).getMessage());
                return null;
            }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
                    .get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            long left = pending.stream().filter(f -> !f.isDone()).count();
            log.log(Level.WARNING, left + " deregistration(s) did not finish within " + bound.toMillis()
                    + " ms on close; the server drops those instances when their beats stop");
        }
    }

    private void pushed(ServiceInfo info) {
        subscriptions.onPush(info);
    }

    private InetSocketAddress pushTarget() {
        if (push == null || !push.isRunning() || !calls.pushCapable()) {
            return null;
        }
        return push.target(runtime.transport().servers());
    }

    private void startPush() {
        if (push != null && pushStarted.compareAndSet(false, true)) {
            try {
                push.start();
            } catch (SocketException | RuntimeException e) {
                log.log(Level.WARNING, "cannot open the naming push socket; subscriptions rely on polling: " + e);
            }
        }
    }

    /** The query with its namespace: the client's when none is given. */
    private ServiceQuery complete(ServiceQuery q) {
        return q.namespaceId().isPresent() ? q : q.toBuilder().namespaceId(options.namespace()).build();
    }

    /** One healthy, enabled instance with weight &gt; 0, chosen with probability proportional to its weight. */
    static Optional<Instance> chooseWeighted(List<Instance> instances, Random random) {
        double total = 0;
        for (Instance i : instances) {
            total += weight(i);
        }
        if (total == 0) {
            return Optional.empty();
        }
        double r = random.nextDouble() * total;
        Instance last = null;
        for (Instance i : instances) {
            double w = weight(i);
            if (w > 0) {
                last = i;
                r -= w;
                if (r < 0) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.of(last); // r ran past the end by rounding
    }

    /** The weight of a candidate, 0 for one that must not be chosen. */
    private static double weight(Instance i) {
        return i.healthy() && i.enabled() && i.weight() > 0 && Double.isFinite(i.weight()) ? i.weight() : 0;
    }

    /** Every local check, including the metadata's JSON length, before the first request (even a probe) goes out. */
    private void checkInstance(Instance instance) {
        NamingArguments.checkInstance(instance);
        NamingArguments.checkMetadataJsonLength(json.metadataJson(instance.metadata()));
    }

    private void checkOpen() {
        if (closed.get() || runtime.isClosed()) {
            throw new IllegalStateException("the naming service of client '" + options.clientName() + "' is closed");
        }
    }
}
