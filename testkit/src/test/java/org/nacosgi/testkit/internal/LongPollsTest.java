package org.nacosgi.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Held listener requests: a change is never lost between the md5 comparison and the parking of the call. */
class LongPollsTest {
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final LongPolls polls = new LongPolls(scheduler);
    private final OpenCalls open = new OpenCalls();
    private final List<Integer> statuses = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    LongPollsTest() {
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aChangeThatLandedBeforeTheCallWasParkedIsAnsweredAtOnce() {
        Call call = call();
        // the route compared the md5s (no change), then the config changed and its notification found no held call
        polls.changed(key().storeKey, keys -> Reply.of(200, null, "too early"));
        polls.hold(call, List.of(key()), TimeUnit.MINUTES.toMillis(1), () -> Reply.of(200, null, "timeout"),
                () -> Reply.of(200, null, "changed meanwhile"));
        assertEquals(List.of(200), statuses);
        assertEquals("changed meanwhile", body.toString());
        assertEquals(0, polls.size(), "the answered call is still held");
        assertEquals(0, scheduler.getQueue().size(), "its timeout is still scheduled");
        polls.changed(key().storeKey, keys -> Reply.of(200, null, "twice"));
        assertEquals(List.of(200), statuses);
    }

    @Test
    void withoutAChangeTheCallIsHeldUntilTheNextOne() {
        Call call = call();
        polls.hold(call, List.of(key()), TimeUnit.MINUTES.toMillis(1), () -> Reply.of(200, null, "timeout"),
                () -> null);
        assertEquals(List.of(), statuses);
        assertEquals(1, polls.size());
        polls.changed(key().storeKey, keys -> Reply.of(200, null, "changed " + keys.size()));
        assertEquals(List.of(200), statuses);
        assertEquals("changed 1", body.toString());
        assertEquals(0, polls.size());
    }

    private static LongPolls.ListenKey key() {
        return new LongPolls.ListenKey("app.properties", "DEFAULT_GROUP", "", "0123456789abcdef0123456789abcdef", "");
    }

    private Call call() {
        HttpExchange exchange = new StubExchange();
        try {
            return new Call(Request.read(exchange, ""), exchange, open);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Records what the call writes. */
    private final class StubExchange extends HttpExchange {
        private final Headers requestHeaders = new Headers();
        private final Headers responseHeaders = new Headers();

        @Override
        public Headers getRequestHeaders() {
            return requestHeaders;
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public URI getRequestURI() {
            return URI.create("/v1/cs/configs/listener");
        }

        @Override
        public String getRequestMethod() {
            return "POST";
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {
        }

        @Override
        public InputStream getRequestBody() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public OutputStream getResponseBody() {
            return body;
        }

        @Override
        public void sendResponseHeaders(int rCode, long responseLength) {
            statuses.add(rCode);
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public int getResponseCode() {
            return statuses.isEmpty() ? -1 : statuses.get(0);
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return new InetSocketAddress("127.0.0.1", 8848);
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public void setAttribute(String name, Object value) {
        }

        @Override
        public void setStreams(InputStream i, OutputStream o) {
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
