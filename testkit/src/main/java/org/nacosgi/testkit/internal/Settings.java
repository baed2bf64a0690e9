package org.nacosgi.testkit.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.nacosgi.testkit.Generation;

/** Every knob of one testkit server, fixed at start. Immutable after construction by the builder. */
public final class Settings {
    public final int port;
    public final String contextPath;
    public final Generation generation;
    public final boolean authEnabled;
    /** Users that exist from the start (usable at once). */
    public final Map<String, String> users;
    public final Duration tokenTtl;
    public final Duration dumpDelay;
    public final Duration adminDumpDelay;
    public final Duration listDelay;
    public final Duration holdFloor;
    public final Duration holdMargin;
    public final Duration unhealthyAfter;
    public final Duration removeAfter;
    public final Duration pushResendAfter;
    public final Duration persistentCheckInterval;
    public final Duration userReloadDelay;
    public final int httpThreads;
    public final SSLContext tls;

    public Settings(int port, String contextPath, Generation generation, boolean authEnabled, Map<String, String> users,
            Duration tokenTtl, Duration dumpDelay, Duration adminDumpDelay, Duration listDelay, Duration holdFloor, Duration holdMargin,
            Duration unhealthyAfter, Duration removeAfter, Duration pushResendAfter, Duration persistentCheckInterval,
            Duration userReloadDelay, int httpThreads, SSLContext tls) {
        this.port = port;
        this.contextPath = contextPath;
        this.generation = generation;
        this.authEnabled = authEnabled;
        this.users = new LinkedHashMap<>(users);
        this.tokenTtl = tokenTtl;
        this.dumpDelay = dumpDelay;
        this.adminDumpDelay = adminDumpDelay;
        this.listDelay = listDelay;
        this.holdFloor = holdFloor;
        this.holdMargin = holdMargin;
        this.unhealthyAfter = unhealthyAfter;
        this.removeAfter = removeAfter;
        this.pushResendAfter = pushResendAfter;
        this.persistentCheckInterval = persistentCheckInterval;
        this.userReloadDelay = userReloadDelay;
        this.httpThreads = httpThreads;
        this.tls = tls;
    }

    public boolean v3() {
        return generation == Generation.V3_0 || generation == Generation.V3_2;
    }
}
