package org.nacosgi.api.spi;

import jakarta.json.spi.JsonProvider;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import org.nacosgi.api.ClientOptions;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Everything one client owns and its services share: options, transport, JSON provider, threads and logging.
 * Only the runtime starts threads; {@link #close()} stops them all (and closes what was handed to
 * {@link #onClose(AutoCloseable)} first, in reverse order).
 */
@ProviderType
public interface ClientRuntime extends AutoCloseable {
    ClientOptions options();

    Transport transport();

    /** The JSON-P provider found for this client (service, bundle or service loader; see the transport). */
    JsonProvider json();

    /** The client's one scheduler for timers, heartbeats and polls: never block in its tasks. */
    ScheduledExecutorService scheduler();

    /** The bounded pool ({@code callbackThreadNum} threads) that runs listener callbacks. */
    Executor callbackExecutor();

    /** Named daemon threads {@code nacosgi-<clientName>-<role>-<n>}, for the rare blocking loop (UDP receive). */
    ThreadFactory threadFactory(String role);

    /** A logger that honours the client's log level, debug console and log file. */
    System.Logger logger(Class<?> owner);

    /** Closes {@code resource} when the runtime closes, before the runtime's own threads stop. */
    void onClose(AutoCloseable resource);

    /** Whether {@link #close()} was called. */
    boolean isClosed();

    /** Idempotent; waits a bounded time for threads to stop; never throws for a second call. */
    @Override
    void close();
}
