package org.nacosgi.testkit;

import java.time.Duration;
import java.util.Objects;

/** A misbehaviour a test asks a route to show; install with {@link NacosTestServer#fault}. Immutable. */
public final class Fault {
    /** What the fault does. */
    public enum Kind {
        /** Answer a fixed status (and body) instead of the real answer. */
        STATUS,
        /** Answer normally, but only after a delay (no thread is held meanwhile). */
        DELAY,
        /** Send the real status and headers with a Content-Length, half the body, then drop the connection. */
        CUT_BODY,
        /** Hold the request without an answer until {@link NacosTestServer#clearFaults()}, then answer normally. */
        PAUSE
    }

    private final Kind kind;
    private final int status;
    private final String body;
    private final Duration delay;

    private Fault(Kind kind, int status, String body, Duration delay) {
        this.kind = kind;
        this.status = status;
        this.body = body;
        this.delay = delay;
    }

    /** Answers {@code code} with an empty body. */
    public static Fault status(int code) {
        return status(code, "");
    }

    /** Answers {@code code} with {@code body} (text/plain). */
    public static Fault status(int code, String body) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("code must be an HTTP status 100-599, was " + code);
        }
        return new Fault(Kind.STATUS, code, Objects.requireNonNull(body, "body"), Duration.ZERO);
    }

    /** Delays the real answer by {@code delay}. */
    public static Fault delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        return new Fault(Kind.DELAY, 0, "", delay);
    }

    /** Cuts the connection in the middle of the real answer's body. */
    public static Fault cutBody() {
        return new Fault(Kind.CUT_BODY, 0, "", Duration.ZERO);
    }

    /** Hangs the request until the faults are cleared. */
    public static Fault pause() {
        return new Fault(Kind.PAUSE, 0, "", Duration.ZERO);
    }

    public Kind kind() {
        return kind;
    }

    /** The status of a {@link Kind#STATUS} fault, else 0. */
    public int statusCode() {
        return status;
    }

    /** The body of a {@link Kind#STATUS} fault, else "". */
    public String body() {
        return body;
    }

    /** The delay of a {@link Kind#DELAY} fault, else zero. */
    public Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        switch (kind) {
            case STATUS:
                return "Fault.status(" + status + ")";
            case DELAY:
                return "Fault.delay(" + delay + ")";
            case CUT_BODY:
                return "Fault.cutBody()";
            default:
                return "Fault.pause()";
        }
    }
}
