package org.nacosgi.api.config;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads, writes and watches config items of one client's namespace. Thread-safe. Registered as an OSGi service
 * with the properties {@link #CLIENT_NAME} and {@link #NAMESPACE}.
 * <p>
 * Data ids and groups: letters, digits and {@code _-.:}, at most 256 characters; a null or empty group means
 * {@value #DEFAULT_GROUP}. Bad arguments are refused with {@link org.nacosgi.api.InvalidArgumentException}
 * before anything is sent.
 */
@ProviderType
public interface ConfigService {
    String DEFAULT_GROUP = "DEFAULT_GROUP";
    /** Service property: the {@link org.nacosgi.api.ClientOptions#clientName()} of the client behind the service. */
    String CLIENT_NAME = "nacos.client";
    /** Service property: the namespace id of the client behind the service. */
    String NAMESPACE = "nacos.namespace";

    /**
     * The content of an item: 1) the local failover file, when present (the server is not asked); 2) the servers,
     * saving the answer as a snapshot (a 404 deletes it); 3) when no server answers, the snapshot unless
     * {@code noSnapshot}.
     *
     * @throws org.nacosgi.api.NotFoundException the item does not exist
     * @throws org.nacosgi.api.ServerUnavailableException no server answered and no snapshot could be used
     */
    default String getConfig(String dataId, String group, Duration timeout, boolean noSnapshot) {
        return getConfigItem(dataId, group, timeout, noSnapshot).content();
    }

    /** {@link #getConfig(String, String, Duration, boolean)} with the default timeout and snapshots allowed. */
    String getConfig(String dataId, String group);

    /** {@link #getConfig(String, String)} in {@value #DEFAULT_GROUP}. */
    default String getConfig(String dataId) {
        return getConfig(dataId, DEFAULT_GROUP);
    }

    /** As {@link #getConfig(String, String, Duration, boolean)}, with md5, type and where the content came from. */
    ConfigItem getConfigItem(String dataId, String group, Duration timeout, boolean noSnapshot);

    /** Asynchronous {@link #getConfigItem}; completes exceptionally with the same exception types. */
    CompletableFuture<ConfigItem> getConfigAsync(String dataId, String group);

    /**
     * Creates or updates an item and returns once the server accepted it. The server makes it readable shortly
     * after (asynchronous dump).
     *
     * @param content not null (use {@link #removeConfig}); not blank
     * @param type    the config type ({@code text}, {@code properties}, {@code json}, {@code yaml}, ...), or null
     * @param casMd5  compare-and-set: only update when the server's md5 is this one; null for an unconditional write
     * @throws org.nacosgi.api.ConflictException the compare-and-set failed
     */
    void publishConfig(String dataId, String group, String content, String type, String casMd5);

    /** Unconditional {@link #publishConfig(String, String, String, String, String)} without a type. */
    default void publishConfig(String dataId, String group, String content) {
        publishConfig(dataId, group, content, null, null);
    }

    /** Asynchronous {@link #publishConfig(String, String, String, String, String)}. */
    CompletableFuture<Void> publishConfigAsync(String dataId, String group, String content, String type, String casMd5);

    /** Deletes an item; deleting a missing item succeeds. */
    void removeConfig(String dataId, String group);

    /** Asynchronous {@link #removeConfig}. */
    CompletableFuture<Void> removeConfigAsync(String dataId, String group);

    /**
     * Watches an item. When the item exists, each new listener is called once with the current content; then on
     * every change with the new content, and on deletion with a {@link ConfigChangeEvent.Type#DELETED} event.
     * Adding the same listener twice for the same item registers it twice (and it is called twice).
     */
    void addConfigWatchers(String dataId, String group, Collection<? extends ConfigListener> listeners);

    /** {@link #addConfigWatchers(String, String, Collection)} for one listener. */
    default void addConfigWatcher(String dataId, String group, ConfigListener listener) {
        addConfigWatchers(dataId, group, List.of(listener));
    }

    /**
     * Stops calling a listener for an item: one registration of it, or all when {@code removeAll}. A call of the
     * listener already running completes. When no listener is left for the item, the item is no longer polled.
     *
     * @return whether a registration was removed
     */
    boolean removeConfigWatcher(String dataId, String group, ConfigListener listener, boolean removeAll);
}
