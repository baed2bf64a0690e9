package org.nacosgi.api.naming;

import java.time.Duration;

/** A server's answer to a heartbeat. Immutable. */
public final class BeatResult {
    /** The server's code for an accepted beat. */
    public static final int CODE_OK = 10200;
    /** The server's code for a beat of an instance it does not know (it must be registered again). */
    public static final int CODE_RESOURCE_NOT_FOUND = 20404;

    private final int code;
    private final Duration clientBeatInterval;
    private final boolean lightBeatEnabled;

    public BeatResult(int code, Duration clientBeatInterval, boolean lightBeatEnabled) {
        this.code = code;
        this.clientBeatInterval = clientBeatInterval;
        this.lightBeatEnabled = lightBeatEnabled;
    }

    public int code() { return code; }
    /** The interval the server recommends until the next beat. */
    public Duration clientBeatInterval() { return clientBeatInterval; }
    /** Whether the next beats may omit the instance details. */
    public boolean lightBeatEnabled() { return lightBeatEnabled; }
    /** Whether the server knew the instance. */
    public boolean instanceFound() { return code != CODE_RESOURCE_NOT_FOUND; }

    @Override
    public String toString() {
        return "BeatResult{code=" + code + ", clientBeatInterval=" + clientBeatInterval.toMillis()
                + "ms, lightBeatEnabled=" + lightBeatEnabled + "}";
    }
}
