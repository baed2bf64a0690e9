package org.nacosgi.api.naming;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Registers instances, queries services and subscribes to their changes in one client's namespace. Thread-safe.
 * Registered as an OSGi service with the properties {@link #CLIENT_NAME} and {@link #NAMESPACE}.
 * Bad arguments are refused with {@link org.nacosgi.api.InvalidArgumentException} before anything is sent.
 */
@ProviderType
public interface NamingService {
    /** Service property: the client name of the client behind the service. */
    String CLIENT_NAME = "nacos.client";
    /** Service property: the namespace id of the client behind the service. */
    String NAMESPACE = "nacos.namespace";
    /** The default interval of subscription polling (the seed SDK's). */
    Duration DEFAULT_SUBSCRIBE_INTERVAL = Duration.ofSeconds(7);
    /** The default heartbeat interval, until the server recommends another. */
    Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

    /**
     * Registers an instance. An ephemeral instance keeps itself alive with heartbeats (starting at
     * {@code heartbeatInterval}, then at the server's recommendation) until it is removed or the client closes,
     * and is registered again when the server lost it.
     */
    void addNamingInstance(Instance instance, Duration heartbeatInterval);

    /** {@link #addNamingInstance(Instance, Duration)} with {@link #DEFAULT_HEARTBEAT_INTERVAL}. */
    default void addNamingInstance(Instance instance) {
        addNamingInstance(instance, DEFAULT_HEARTBEAT_INTERVAL);
    }

    /** Registers {@code ip:port} in {@code serviceName} with defaults for everything else. */
    default void addNamingInstance(String serviceName, String ip, int port) {
        addNamingInstance(Instance.builder(serviceName, ip, port).build());
    }

    /** Deregisters an instance (service, group, cluster, ip, port, ephemeral) and stops its heartbeat at once. */
    void removeNamingInstance(Instance instance);

    default void removeNamingInstance(String serviceName, String ip, int port) {
        removeNamingInstance(Instance.builder(serviceName, ip, port).build());
    }

    /** Changes weight, enabled flag and metadata of a registered instance. */
    void modifyNamingInstance(Instance instance);

    /** The instances of a service. */
    ServiceInfo listNamingInstance(ServiceQuery query);

    default List<Instance> listNamingInstance(String serviceName) {
        return listNamingInstance(ServiceQuery.of(serviceName)).hosts();
    }

    /** Asynchronous {@link #listNamingInstance(ServiceQuery)}. */
    CompletableFuture<ServiceInfo> listNamingInstanceAsync(ServiceQuery query);

    /**
     * One instance as the server knows it.
     *
     * @param clusterName null for the default cluster
     * @param groupName   null for the default group
     * @throws org.nacosgi.api.NotFoundException no such instance
     */
    Instance getNamingInstance(String serviceName, String ip, int port, String clusterName, String groupName);

    /** Sends one heartbeat for an instance now and returns the server's answer. */
    BeatResult sendHeartbeat(Instance instance);

    /**
     * Subscribes a listener to a service. Its first event reports the current instances once; later events
     * report changes, from UDP push when available and from polling every {@code interval}.
     */
    void subscribe(NamingListener listener, ServiceQuery query, Duration interval);

    default void subscribe(NamingListener listener, String serviceName) {
        subscribe(listener, ServiceQuery.of(serviceName), DEFAULT_SUBSCRIBE_INTERVAL);
    }

    /** Removes a listener from every subscription of a service (any group or cluster given in {@code query}). */
    boolean unsubscribe(ServiceQuery query, NamingListener listener);

    /** Removes the listener named {@code listenerName} (see {@link NamingListener#name()}) from a service. */
    boolean unsubscribe(String serviceName, String listenerName);

    /** Ends every subscription of this client. */
    void stopSubscribe();

    /** One healthy, enabled instance with weight &gt; 0, chosen at random by weight; empty when there is none. */
    Optional<Instance> selectOneHealthyInstance(ServiceQuery query);

    /** Parses instance metadata given as a JSON object text ({@code {"k":"v"}}), as the seed SDK accepts. */
    Map<String, String> metadataFromJson(String json);
}
