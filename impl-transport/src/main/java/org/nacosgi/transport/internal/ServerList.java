package org.nacosgi.transport.internal;

import java.util.List;

/** Where the servers come from: a fixed list or an address server (endpoint). Thread-safe. */
interface ServerList extends AutoCloseable {
    /**
     * The known servers, never empty.
     *
     * @throws org.nacosgi.api.ServerUnavailableException no server is known yet and none could be fetched
     */
    List<ServerAddress> servers();

    /** Completes once {@link #servers()} would not block (the first fetch of a fetched list has ended). */
    default java.util.concurrent.CompletableFuture<Void> ready() {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** What the servers come from, for messages ("servers x,y" or "endpoint http://..."). */
    String describe();

    @Override
    void close();
}
