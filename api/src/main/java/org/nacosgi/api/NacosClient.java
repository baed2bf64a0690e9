package org.nacosgi.api;

import org.nacosgi.api.config.ConfigService;
import org.nacosgi.api.naming.NamingService;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A plain-Java client: both services over one set of connections and threads. {@link #close()} deregisters the
 * ephemeral instances, ends watches and subscriptions and stops every thread the client started.
 */
@ProviderType
public interface NacosClient extends AutoCloseable {
    ClientOptions options();

    /** The config service; created on first use. */
    ConfigService config();

    /** The naming service; created on first use. */
    NamingService naming();

    /** Idempotent. */
    @Override
    void close();
}
