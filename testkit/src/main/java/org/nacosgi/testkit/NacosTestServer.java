package org.nacosgi.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.nacosgi.testkit.internal.Server;
import org.nacosgi.testkit.internal.Settings;

/**
 * A Nacos-compatible server for tests and demos: answers like a real 1.x, 2.x or 3.x server on the wire (statuses,
 * headers, bodies, timing quirks), with fault hooks and a request log. Every instance owns its threads and state.
 *
 * <pre>{@code
 * try (NacosTestServer nacos = NacosTestServer.start()) {
 *     nacos.putConfig("", "DEFAULT_GROUP", "app.properties", "a=1", "properties");
 *     ... client pointed at nacos.serverAddr() ...
 * }
 * }</pre>
 */
public final class NacosTestServer implements AutoCloseable {
    private final Server server;

    private NacosTestServer(Server server) {
        this.server = server;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a 2.x server with all defaults on a free port. */
    public static NacosTestServer start() {
        return builder().start();
    }

    /** {@code 127.0.0.1:<port>}, as a client's server address. */
    public String serverAddr() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return server.port();
    }

    /** {@code http(s)://127.0.0.1:<port><contextPath>}. */
    public String baseUrl() {
        return (server.settings().tls != null ? "https" : "http") + "://127.0.0.1:" + port()
                + server.settings().contextPath;
    }

    public String contextPath() {
        return server.settings().contextPath;
    }

    public Generation generation() {
        return server.settings().generation;
    }

    /** The UDP port pushes are sent from. */
    public int udpPort() {
        return server.udpPort();
    }

    /** Stops listening and stops every thread of this server. Idempotent. */
    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Restarts on the same port: held requests are dropped. With {@code forgetEphemeral} the ephemeral instances are
     * lost, so clients' next beats get code 20404 (as after a real restart).
     */
    public void restart(boolean forgetEphemeral) {
        try {
            server.restart(forgetEphemeral);
        } catch (IOException e) {
            throw new UncheckedIOException("restart on port " + port() + " failed", e);
        }
    }

    /** Drops all configs, instances, namespaces, extra users, faults and the request log. */
    public void reset() {
        server.reset();
    }

    /** Requests received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return server.requests();
    }

    public void clearRequests() {
        server.clearRequests();
    }

    /**
     * Installs a fault for requests whose method matches ({@code null} or {@code "*"} for any) and whose path starts
     * with {@code pathPrefix} (with or without the context path, e.g. {@code "/v1/cs/configs"}).
     */
    public void fault(String method, String pathPrefix, Fault fault) {
        server.fault(method, pathPrefix, fault);
    }

    /** Removes all faults and lets paused requests continue. */
    public void clearFaults() {
        server.clearFaults();
    }

    /** Stores a config and makes it visible at once (no dump delay); listeners are notified. */
    public void putConfig(String tenant, String group, String dataId, String content, String type) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(dataId, "dataId");
        Objects.requireNonNull(content, "content");
        server.putConfig(tenant == null ? "" : tenant, group, dataId, content, type);
    }

    /** Removes a config at once; listeners are notified. */
    public void removeConfig(String tenant, String group, String dataId) {
        server.removeConfig(tenant == null ? "" : tenant, group, dataId);
    }

    /** The stored content of a config (what an admin read sees, without the dump delay). */
    public Optional<String> config(String tenant, String group, String dataId) {
        return server.config(tenant == null ? "" : tenant, group, dataId);
    }

    /** Instances of a service right now; {@code groupedServiceName} is {@code group@@name} or just the name. */
    public List<InstanceView> instances(String namespace, String groupedServiceName) {
        return server.instances(namespace == null ? "" : namespace, groupedServiceName);
    }

    /** Held long polls right now (for tests and the benchmark). */
    public int heldLongPolls() {
        return server.heldLongPolls();
    }

    /** UDP pushes sent so far (first sends, not re-sends). */
    public long udpPushesSent() {
        return server.pushesSent();
    }

    /** UDP pushes a client acknowledged so far. */
    public long udpPushesAcked() {
        return server.pushesAcked();
    }

    /** Builder with the real server's defaults (as measured on 2.5.1). */
    public static final class Builder {
        private int port;
        private String contextPath = "/nacos";
        private Generation generation = Generation.V2;
        private boolean authEnabled;
        private final Map<String, String> users = new LinkedHashMap<>();
        private Duration tokenTtl = Duration.ofSeconds(18000);
        private Duration dumpDelay = Duration.ofMillis(85);
        private Duration adminDumpDelay = Duration.ofMillis(21);
        private Duration listDelay = Duration.ofMillis(550);
        private Duration holdFloor = Duration.ofSeconds(10);
        private Duration holdMargin = Duration.ofMillis(500);
        private Duration unhealthyAfter = Duration.ofSeconds(15);
        private Duration removeAfter = Duration.ofSeconds(30);
        private Duration pushResendAfter = Duration.ofSeconds(10);
        private Duration persistentCheckInterval = Duration.ofSeconds(5);
        private Duration userReloadDelay = Duration.ofSeconds(3);
        private int httpThreads = 4;
        private SSLContext tls;

        private Builder() {
        }

        /** 0 (default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Default {@code /nacos}; "" or "/" serves at the root. */
        public Builder contextPath(String contextPath) {
            Objects.requireNonNull(contextPath, "contextPath");
            String c = contextPath.trim();
            if (c.equals("/")) {
                c = "";
            }
            if (!c.isEmpty() && !c.startsWith("/")) {
                c = "/" + c;
            }
            if (c.endsWith("/")) {
                c = c.substring(0, c.length() - 1);
            }
            if (c.contains("?") || c.contains("#") || c.contains(" ")) {
                throw new IllegalArgumentException("contextPath must be a plain path, was '" + contextPath + "'");
            }
            this.contextPath = c;
            return this;
        }

        public Builder generation(Generation generation) {
            this.generation = Objects.requireNonNull(generation, "generation");
            return this;
        }

        /** Enables auth with one admin user that can log in at once. */
        public Builder auth(String user, String password) {
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("auth user must not be blank");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("auth password must not be empty");
            }
            this.authEnabled = true;
            users.put(user, password);
            return this;
        }

        /**
         * Enables (or disables) auth without creating a user: the admin must be created with
         * {@code POST /v1/auth/users/admin} (2.4+) or {@code /v3/auth/user/admin}, as on a fresh real server.
         */
        public Builder authEnabled(boolean enabled) {
            this.authEnabled = enabled;
            return this;
        }

        public Builder tokenTtl(Duration ttl) {
            this.tokenTtl = positive(ttl, "tokenTtl");
            return this;
        }

        /** Delay until a write is visible to v1 reads and listeners (default 85 ms as measured; 0 = at once). */
        public Builder dumpDelay(Duration d) {
            this.dumpDelay = notNegative(d, "dumpDelay");
            return this;
        }

        /** Delay until a 3.x admin-API write is visible to client reads (default 21 ms as measured on 3.0.3). */
        public Builder adminDumpDelay(Duration d) {
            this.adminDumpDelay = notNegative(d, "adminDumpDelay");
            return this;
        }

        /** Staleness of instance lists after a write and delay of UDP pushes (default 550 ms; 0 = at once). */
        public Builder listDelay(Duration d) {
            this.listDelay = notNegative(d, "listDelay");
            return this;
        }

        /** Minimum hold of a long poll (default 10 s); the hold is max(holdFloor, timeout - holdMargin). */
        public Builder holdFloor(Duration d) {
            this.holdFloor = notNegative(d, "holdFloor");
            return this;
        }

        /** What the server subtracts from Long-Pulling-Timeout (default 500 ms). */
        public Builder holdMargin(Duration d) {
            this.holdMargin = notNegative(d, "holdMargin");
            return this;
        }

        /** An ephemeral instance without beats turns unhealthy after this (default 15 s). */
        public Builder unhealthyAfter(Duration d) {
            this.unhealthyAfter = positive(d, "unhealthyAfter");
            return this;
        }

        /** An ephemeral instance without beats is removed after this (default 30 s). */
        public Builder removeAfter(Duration d) {
            this.removeAfter = positive(d, "removeAfter");
            return this;
        }

        /** An unacknowledged UDP push is sent once more after this (default 10 s). */
        public Builder pushResendAfter(Duration d) {
            this.pushResendAfter = positive(d, "pushResendAfter");
            return this;
        }

        /** How often persistent instances are TCP-checked (default 5 s). */
        public Builder persistentCheckInterval(Duration d) {
            this.persistentCheckInterval = positive(d, "persistentCheckInterval");
            return this;
        }

        /** How long a newly created user cannot log in (user cache reload; default 3 s). */
        public Builder userReloadDelay(Duration d) {
            this.userReloadDelay = notNegative(d, "userReloadDelay");
            return this;
        }

        /** Worker threads of the HTTP server (default 4); held long polls use none. */
        public Builder httpThreads(int n) {
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("httpThreads must be 1-256, was " + n);
            }
            this.httpThreads = n;
            return this;
        }

        /** Serve HTTPS with this context. */
        public Builder tls(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "tls");
            return this;
        }

        public NacosTestServer start() {
            if (removeAfter.compareTo(unhealthyAfter) < 0) {
                throw new IllegalArgumentException("removeAfter (" + removeAfter
                        + ") must not be shorter than unhealthyAfter (" + unhealthyAfter + ")");
            }
            Settings s = new Settings(port, contextPath, generation, authEnabled, users, tokenTtl, dumpDelay,
                    adminDumpDelay, listDelay, holdFloor, holdMargin, unhealthyAfter, removeAfter, pushResendAfter,
                    persistentCheckInterval, userReloadDelay, httpThreads, tls);
            try {
                return new NacosTestServer(Server.start(s));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the testkit on port " + port, e);
            }
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be > 0, was " + d);
            }
            return d;
        }

        private static Duration notNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, was " + d);
            }
            return d;
        }
    }
}
