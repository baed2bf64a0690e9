package org.nacosgi.transport.internal;

import jakarta.json.spi.JsonProvider;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.Transport;

/**
 * One client's runtime: the {@link HttpClient} (on an executor of our own), the scheduler, the callback pool,
 * every thread ({@code nacosgi-<client>-<role>-<n>}, daemon), the log and the transport. {@link #close()} closes
 * registered resources (newest first), the transport, then stops the threads with a bounded wait and drops the
 * HttpClient (Java 11's cannot be closed; its selector thread ends once the client is unreachable).
 */
final class HttpClientRuntime implements ClientRuntime {
    /** How long close() waits for each pool to stop. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    /**
     * The thread budget is fixed by design (issue 4: at most 3 threads besides the callback pool, however many keys
     * or instances are watched): one scheduler thread (its tasks never wait for a server), at most
     * {@value #HTTP_THREADS} HttpClient executor thread (it parses answers and runs what follows each asynchronous
     * exchange: failover, login, the callers' stages, none of which block; blocking sends wait in the caller's
     * thread) and the JDK's own selector thread.
     */
    static final int SCHEDULER_THREADS = 1;
    /** HttpClient executor threads; tasks beyond them queue (the work per task is short and never blocks). */
    static final int HTTP_THREADS = 1;
    /** An idle HTTP thread ends after this, so a client between long polls often holds none. */
    private static final long HTTP_IDLE_SECONDS = 5;
    private static final long IDLE_SECONDS = 60;

    private final ClientOptions options;
    private final LongSupplier nanoClock;
    private final JsonProvider json;
    private final ClientLog clientLog;
    private final System.Logger log;
    private final ThreadPoolExecutor httpExecutor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadPoolExecutor callbacks;
    private final ServerList serverList;
    private final HttpTransport transport;
    private final Deque<AutoCloseable> resources = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, ThreadFactory> roleFactories = new ConcurrentHashMap<>();
    private volatile HttpClient httpClient;

    HttpClientRuntime(ClientOptions options, JsonProvider json) {
        this(options, json, System::nanoTime);
    }

    /** {@code nanoClock} drives token expiry and server marks (tests pass a fake one). */
    HttpClientRuntime(ClientOptions options, JsonProvider json, LongSupplier nanoClock) {
        this.options = options;
        this.nanoClock = nanoClock;
        this.json = json;
        this.clientLog = new ClientLog(options);
        this.log = logger(HttpClientRuntime.class);
        // a transfer queue: its idle taker spins briefly before parking, so the JDK's several hand-offs per exchange
        // often skip a thread wake-up (paired ratio to a bare HttpClient 0.91-0.95 -> 0.95-1.01, docs/benchmarks.md)
        this.httpExecutor = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, HTTP_IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedTransferQueue<>(), roleFactory("http"));
        httpExecutor.allowCoreThreadTimeOut(true);
        this.scheduler = new ScheduledThreadPoolExecutor(SCHEDULER_THREADS, roleFactory("scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.callbacks = new ThreadPoolExecutor(options.callbackThreadNum(), options.callbackThreadNum(),
                IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), roleFactory("callback"));
        callbacks.allowCoreThreadTimeOut(true);
        try {
            this.httpClient = HttpClients.create(options, httpExecutor);
            this.serverList = createServerList();
            this.transport = createTransport();
        } catch (RuntimeException e) {
            stopThreads(new ArrayList<>());
            clientLog.close();
            throw e;
        }
        warnAboutTls();
        log.log(Level.DEBUG, "client ''{0}'' started with {1}", options.clientName(), serverList.describe());
    }

    private ServerList createServerList() {
        if (!options.serverAddresses().isEmpty()) {
            return new FixedServerList(ServerAddress.parseAll(options.serverAddresses(), options.contextPath(),
                    ClientOptions.SERVER_ADDR));
        }
        EndpointServerList endpoint = new EndpointServerList(options, this::httpClient, httpExecutor,
                logger(EndpointServerList.class));
        endpoint.start(scheduler, EndpointServerList.REFRESH);
        return endpoint;
    }

    private HttpTransport createTransport() {
        System.Logger transportLog = logger(HttpTransport.class);
        FailoverSender failover = new FailoverSender(this::httpClient, serverList,
                new ServerRotation(new java.util.Random().nextInt(Integer.MAX_VALUE), ServerRotation.DOWN_PERIOD,
                        nanoClock),
                new ExchangeDeadlines(scheduler), httpExecutor, transportLog);
        LoginSession login = options.username()
                .map(user -> new LoginSession(user, options.password().orElse(""), failover, json, nanoClock,
                        options.defaultTimeout(), logger(LoginSession.class)))
                .orElse(null);
        RequestSigner signer = options.accessKey().isPresent() && options.secretKey().isPresent()
                ? new RequestSigner(options.accessKey().get(), options.secretKey().get(), System::currentTimeMillis)
                : null;
        HttpTransport t = new HttpTransport(options.clientName(), options.defaultTimeout(), failover, login, signer,
                scheduler);
        t.probe(new GenerationProbe(t::send, json, logger(GenerationProbe.class)));
        return t;
    }

    private void warnAboutTls() {
        if (!options.tlsVerify() && options.sslContext().isEmpty()) {
            log.log(Level.WARNING, "client ''{0}'': TLS certificate and host name verification is OFF (tlsVerify=false)",
                    options.clientName());
        }
        if (serverList instanceof FixedServerList) {
            for (ServerAddress s : serverList.servers()) {
                if (!s.isHttps() && !s.isLoopback()) {
                    log.log(Level.WARNING, "client ''{0}'' talks plain http to {1}: tokens and content travel "
                            + "unencrypted", options.clientName(), s);
                    break;
                }
            }
        }
    }

    private HttpClient httpClient() {
        HttpClient c = httpClient;
        if (c == null) {
            throw new IllegalStateException("client '" + options.clientName() + "' is closed");
        }
        return c;
    }

    ServerList serverListForTest() {
        return serverList;
    }

    /** The HttpClient while open (tests check it is collected after close). */
    HttpClient httpClientForTest() {
        return httpClient;
    }

    /** One factory per role, so thread numbers never repeat within a client. */
    private ThreadFactory roleFactory(String role) {
        return roleFactories.computeIfAbsent(role, r -> new NamedThreadFactory(options.clientName(), r,
                (t, e) -> log.log(Level.ERROR, "uncaught exception in " + t.getName(), e)));
    }

    @Override
    public ClientOptions options() {
        return options;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public JsonProvider json() {
        return json;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public Executor callbackExecutor() {
        return callbacks;
    }

    @Override
    public ThreadFactory threadFactory(String role) {
        if (role == null || !role.matches("[A-Za-z0-9_.-]{1,32}")) {
            throw new IllegalArgumentException("role: 1 to 32 letters, digits, '_', '-' or '.' expected, was " + role);
        }
        return roleFactory(role);
    }

    @Override
    public System.Logger logger(Class<?> owner) {
        return clientLog.logger(owner.getName());
    }

    @Override
    public void onClose(AutoCloseable resource) {
        if (resource == null) {
            throw new NullPointerException("resource");
        }
        if (closed.get()) {
            throw new IllegalStateException("client '" + options.clientName() + "' is closed");
        }
        resources.push(resource);
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes resources newest first, then the transport and server list, then stops the pools (bounded wait,
     * then interrupt) and drops the HttpClient. Carries on past failures; throws the first with the others
     * suppressed. A second call does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Throwable> failures = new ArrayList<>();
        AutoCloseable r;
        while ((r = resources.poll()) != null) {
            closeQuietly(r, failures);
        }
        closeQuietly(transport, failures);
        closeQuietly(serverList, failures);
        httpClient = null;
        stopThreads(failures);
        log.log(Level.DEBUG, "client ''{0}'' closed", options.clientName());
        clientLog.close();
        if (!failures.isEmpty()) {
            NacosException e = new NacosException("closing client '" + options.clientName() + "' failed",
                    failures.get(0));
            failures.subList(1, failures.size()).forEach(e::addSuppressed);
            throw e;
        }
    }

    private void closeQuietly(AutoCloseable resource, List<Throwable> failures) {
        try {
            resource.close();
        } catch (Exception | LinkageError e) {
            failures.add(e);
            log.log(Level.WARNING, "closing " + resource.getClass().getName() + " failed", e);
        }
    }

    private void stopThreads(List<Throwable> failures) {
        List<ExecutorService> pools = List.of(scheduler, callbacks, httpExecutor);
        pools.forEach(ExecutorService::shutdown);
        long end = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (ExecutorService pool : pools) {
            try {
                if (!pool.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    pool.shutdownNow();
                    if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                        failures.add(new NacosException("a thread of client '" + options.clientName()
                                + "' did not stop within " + CLOSE_WAIT.toSeconds() + " s"));
                    }
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
