package org.nacosgi.config.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.NacosTimeoutException;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.config.ConfigItem;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.config.ConfigService;
import org.nacosgi.api.spi.ClientRuntime;

/**
 * The config service over HTTP: reads go failover file, then the servers (keeping the snapshot in step), then the
 * snapshot; writes go to the server generation's API; watches are served by a {@link LongPollWatcher}. Arguments are
 * checked before anything is sent. Stops its work when the runtime closes.
 */
public final class HttpConfigService implements ConfigService, AutoCloseable {
    /** Nacos servers (Tomcat) drop the fields of a form body over 2 MiB; leave room for the other fields. */
    static final long MAX_FORM_BYTES = 2L * 1024 * 1024 - 4096;
    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final ClientRuntime runtime;
    private final ClientOptions options;
    private final String namespace;
    private final Logger log;
    private final FailoverFiles failover;
    private final SnapshotStore snapshots;
    private final ConfigApi api;
    private final ConfigReader reader;
    private final LongPollWatcher watcher;
    private final ConfigWatches watches;
    private volatile boolean closed;

    public HttpConfigService(ClientRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.options = runtime.options();
        this.namespace = ConfigNames.namespace(options.namespace());
        this.log = runtime.logger(HttpConfigService.class);
        this.failover = new FailoverFiles(options.failoverDir(), log);
        this.snapshots = new SnapshotStore(options.snapshotDir(), log);
        this.api = new ConfigApi(runtime.transport(), runtime.json(),
                options.username().isPresent() && options.password().isPresent());
        this.reader = new ConfigReader(api, snapshots, !options.noSnapshot());
        this.watcher = new LongPollWatcher(api, reader, failover, runtime.scheduler(), log, options.pullingTimeout(),
                options.pullingConfigSize(), options.defaultTimeout(), options.configPollInterval());
        this.watches = new ConfigWatches(watcher, runtime.callbackExecutor(), log);
        runtime.onClose(this);
    }

    @Override
    public String getConfig(String dataId, String group) {
        return getConfigItem(dataId, group, null, false).content();
    }

    @Override
    public ConfigItem getConfigItem(String dataId, String group, Duration timeout, boolean noSnapshot) {
        return Futures.join(getConfigItem(dataId, group, timeout, noSnapshot, true));
    }

    @Override
    public CompletableFuture<ConfigItem> getConfigAsync(String dataId, String group) {
        try {
            return Futures.onCallbackPool(getConfigItem(dataId, group, null, false, false), runtime.callbackExecutor());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The read; {@code inCallerThread} for the blocking methods (the exchange runs in the caller's thread). */
    private CompletableFuture<ConfigItem> getConfigItem(String dataId, String group, Duration timeout,
            boolean noSnapshot, boolean inCallerThread) {
        ConfigKey key = key(dataId, group);
        Duration t = timeout(timeout);
        checkOpen();
        Optional<String> local = failover.read(key);
        if (local.isPresent()) {
            return CompletableFuture.completedFuture(item(key, local.get(), null, ConfigItem.Source.FAILOVER));
        }
        boolean useSnapshot = !noSnapshot && !options.noSnapshot();
        return reader.fetch(key, t, null, inCallerThread).handle((fetched, error) -> {
            if (error == null) {
                if (!fetched.exists()) {
                    throw new NotFoundException("get config " + key + ": no such config on the server");
                }
                return item(key, fetched.content(), fetched.type(), ConfigItem.Source.SERVER);
            }
            Throwable cause = Futures.unwrap(error);
            if (!(cause instanceof ServerUnavailableException) && !(cause instanceof NacosTimeoutException)) {
                throw Futures.rethrowable(cause);
            }
            if (useSnapshot) {
                Optional<String> snapshot = snapshots.read(key);
                if (snapshot.isPresent()) {
                    log.log(Level.DEBUG, "get config " + key + ": no server answered, serving the snapshot");
                    return item(key, snapshot.get(), null, ConfigItem.Source.SNAPSHOT);
                }
            }
            List<String> tried = cause instanceof ServerUnavailableException
                    ? ((ServerUnavailableException) cause).serversTried() : api.transport().servers();
            throw new ServerUnavailableException("get config " + key + ": no server answered ("
                    + cause.getMessage() + ") and " + (useSnapshot ? "there is no local snapshot" : "snapshots are off"),
                    tried, cause);
        });
    }

    @Override
    public void publishConfig(String dataId, String group, String content, String type, String casMd5) {
        Futures.join(publishConfigAsync0(dataId, group, content, type, casMd5, true));
    }

    @Override
    public CompletableFuture<Void> publishConfigAsync(String dataId, String group, String content, String type,
            String casMd5) {
        try {
            return Futures.onCallbackPool(publishConfigAsync0(dataId, group, content, type, casMd5, false),
                    runtime.callbackExecutor());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Void> publishConfigAsync0(String dataId, String group, String content, String type,
            String casMd5, boolean inCallerThread) {
        ConfigKey key = key(dataId, group);
        checkContent(content);
        if (type != null && !TYPE.matcher(type).matches()) {
            throw new InvalidArgumentException("type", "expected a config type such as text, properties, json or"
                    + " yaml (letters, digits, _ and -, at most 32), got \"" + shorten(type) + "\"");
        }
        if (casMd5 != null && !MD5.matcher(casMd5).matches()) {
            throw new InvalidArgumentException("casMd5", "expected 32 hex digits (the md5 of the content to"
                    + " replace), got \"" + shorten(casMd5) + "\"");
        }
        checkOpen();
        return api.publish(key, content, type, casMd5 == null ? null : casMd5.toLowerCase(java.util.Locale.ROOT),
                options.defaultTimeout(), inCallerThread);
    }

    @Override
    public void removeConfig(String dataId, String group) {
        Futures.join(removeConfigAsync0(dataId, group, true));
    }

    @Override
    public CompletableFuture<Void> removeConfigAsync(String dataId, String group) {
        try {
            return Futures.onCallbackPool(removeConfigAsync0(dataId, group, false), runtime.callbackExecutor());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Void> removeConfigAsync0(String dataId, String group, boolean inCallerThread) {
        ConfigKey key = key(dataId, group);
        checkOpen();
        return api.remove(key, options.defaultTimeout(), inCallerThread);
    }

    @Override
    public void addConfigWatchers(String dataId, String group, Collection<? extends ConfigListener> listeners) {
        ConfigKey key = key(dataId, group);
        if (listeners == null) {
            throw new InvalidArgumentException("listeners", "must not be null");
        }
        List<ConfigListener> list = new ArrayList<>(listeners.size());
        for (ConfigListener l : listeners) {
            if (l == null) {
                throw new InvalidArgumentException("listeners", "contains a null listener");
            }
            list.add(l);
        }
        checkOpen();
        if (!list.isEmpty()) {
            watches.add(key, list);
        }
    }

    /** The interface's default wraps the listener in List.of, which throws a bare NullPointerException for null. */
    @Override
    public void addConfigWatcher(String dataId, String group, ConfigListener listener) {
        if (listener == null) {
            throw new InvalidArgumentException("listener", "must not be null");
        }
        addConfigWatchers(dataId, group, List.of(listener));
    }

    @Override
    public boolean removeConfigWatcher(String dataId, String group, ConfigListener listener, boolean removeAll) {
        ConfigKey key = key(dataId, group);
        if (listener == null) {
            throw new InvalidArgumentException("listener", "must not be null");
        }
        return watches.remove(key, listener, removeAll);
    }

    /** Ends watching; called when the runtime closes (before its threads stop). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watches.close();
    }

    /** Watched items (for tests and benchmarks). */
    int watchedCount() {
        return watches.size();
    }

    LongPollWatcher watcher() {
        return watcher;
    }

    SnapshotStore snapshots() {
        return snapshots;
    }

    private ConfigKey key(String dataId, String group) {
        return new ConfigKey(ConfigNames.dataId(dataId), ConfigNames.group(group), namespace);
    }

    private Duration timeout(Duration timeout) {
        if (timeout == null) {
            return options.defaultTimeout();
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidArgumentException("timeout", "must be positive, got " + timeout);
        }
        return timeout;
    }

    private void checkOpen() {
        if (closed || runtime.isClosed()) {
            throw new IllegalStateException("client '" + options.clientName() + "' is closed");
        }
    }

    private ConfigItem item(ConfigKey key, String content, String type, ConfigItem.Source source) {
        return new ConfigItem(key.dataId(), key.group(), key.namespace(), content, Md5.of(content), type, source);
    }

    private static void checkContent(String content) {
        if (content == null) {
            throw new InvalidArgumentException("content", "must not be null (use removeConfig to delete a config)");
        }
        if (content.isBlank()) {
            throw new InvalidArgumentException("content", "must not be empty or blank: Nacos servers refuse it");
        }
        if (content.length() * 3L > MAX_FORM_BYTES) {
            long encoded = formEncodedLength(content);
            if (encoded > MAX_FORM_BYTES) {
                throw new InvalidArgumentException("content", "too large: " + encoded + " bytes once form-encoded;"
                        + " Nacos servers drop form bodies over 2 MiB (2097152 bytes)");
            }
        }
    }

    /** The length of a value once {@code application/x-www-form-urlencoded} in UTF-8, without building it. */
    private static long formEncodedLength(String value) {
        long n = 0;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '*' || c == '_' || c == ' ';
            n += plain ? 1 : 3;
        }
        return n;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
