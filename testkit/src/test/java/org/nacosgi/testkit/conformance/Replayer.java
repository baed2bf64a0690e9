package org.nacosgi.testkit.conformance;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.nacosgi.testkit.Generation;
import org.nacosgi.testkit.NacosTestServer;

/**
 * Replays one capture run against a fresh testkit: exchanges start in captured order at their captured offsets
 * (long server timings and the gaps between requests compressed by {@code scale}), each after the exchanges that had
 * finished before it was sent; overlapping ones (held listeners) run concurrently. Idempotent reads that do not
 * match at once are re-read until a deadline, as the capture itself polled for eventual visibility.
 */
final class Replayer {
    /** The outcome of one exchange. */
    static final class Result {
        final Capture.Exchange exchange;
        final String problem;
        final String note;
        long millis;

        Result(Capture.Exchange exchange, String problem, String note) {
            this.exchange = exchange;
            this.problem = problem;
            this.note = note;
        }
    }

    private static final Pattern FIELD_SUMMARY =
            Pattern.compile("<(\\d+) chars, md5 ([0-9a-f]{32}), first 64: '(.*)'>", Pattern.DOTALL);

    private final Capture capture;
    private final double scale;
    private final double timeFactor;
    private final Setup setup;
    private final Map<String, String> allowList;
    private final HttpClient http;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "conformance-replay");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile String adminToken;
    private volatile String userToken;
    private final Map<Integer, DatagramSocket> sockets = new ConcurrentHashMap<>();
    private final Map<Integer, LinkedBlockingQueue<DatagramPacket>> queues = new ConcurrentHashMap<>();
    private volatile int currentUdpPort = -1;
    private final List<Result> results = new ArrayList<>();
    private NacosTestServer server;

    Replayer(Capture capture, double scale, double timeFactor, Setup setup, Map<String, String> allowList) {
        this.capture = capture;
        this.scale = scale;
        this.timeFactor = timeFactor;
        this.setup = setup;
        this.allowList = allowList;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private Duration scaled(long millis) {
        return Duration.ofMillis(Math.max(1, Math.round(millis * scale)));
    }

    /**
     * Expiry runs on a clock half as compressed as the timeline: a replay under load lags behind the captured
     * offsets, and an instance must not expire before the capture saw it expire; reads that expect an expired
     * instance re-read until it is.
     */
    private Duration scaledTwice(long millis) {
        return Duration.ofMillis(Math.max(1, Math.round(millis * Math.min(1.0, scale * 2))));
    }

    List<Result> run() throws Exception {
        long began = System.nanoTime();
        try {
            return runTimed();
        } finally {
            System.out.println("conformance: " + capture + " replayed in "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began) + " s");
        }
    }

    private List<Result> runTimed() throws Exception {
        long ttl = capture.tokenTtlSeconds();
        NacosTestServer.Builder b = NacosTestServer.builder().generation(Generation.parse(capture.version))
                .contextPath(capture.contextPath).authEnabled(capture.authEnabled())
                .dumpDelay(Duration.ofMillis(150)).adminDumpDelay(Duration.ofMillis(21))
                .listDelay(Duration.ofMillis(400))
                .holdFloor(scaled(10_000)).holdMargin(scaled(500)).unhealthyAfter(scaledTwice(15_000))
                .removeAfter(scaledTwice(30_000)).pushResendAfter(scaled(10_000)).persistentCheckInterval(scaled(5_000))
                .userReloadDelay(scaled(1_500)).tokenTtl(ttl > 0 ? scaled(ttl * 1000) : Duration.ofHours(5));
        server = startOnCapturedPort(b);
        try {
            replay();
        } finally {
            server.close();
            sockets.values().forEach(DatagramSocket::close);
            pool.shutdownNow();
        }
        return results;
    }

    int port() {
        return server.port();
    }

    private NacosTestServer startOnCapturedPort(NacosTestServer.Builder b) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress("127.0.0.1", capture.port));
        } catch (IOException busy) {
            return b.port(0).start();
        }
        try {
            return b.port(capture.port).start();
        } catch (RuntimeException raced) {
            return b.port(0).start();
        }
    }

    /** One local UDP socket per UDP port the capture used (each group listened on its own). */
    private DatagramSocket socketFor(int capturedPort) {
        currentUdpPort = capturedPort;
        return sockets.computeIfAbsent(capturedPort, k -> {
            try {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                LinkedBlockingQueue<DatagramPacket> q = new LinkedBlockingQueue<>();
                queues.put(k, q);
                Thread t = new Thread(() -> receive(s, q), "conformance-udp");
                t.setDaemon(true);
                t.start();
                return s;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void receive(DatagramSocket udp, LinkedBlockingQueue<DatagramPacket> datagrams) {
        byte[] buf = new byte[65536];
        while (!udp.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf.clone(), buf.length);
            try {
                udp.receive(p);
                if (System.getProperty("nacosgi.conformance.debug") != null) {
                    try {
                        String t = ResponseMatcher.text(ResponseMatcher.gunzipIfNeeded(
                                java.util.Arrays.copyOf(p.getData(), p.getLength())));
                        System.out.println("conformance-udp " + System.currentTimeMillis() + " " + p.getLength() + " "
                                + t.substring(t.lastIndexOf("lastRefTime")));
                    } catch (IOException ignored) {
                        // debug only
                    }
                }
                datagrams.add(p);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void replay() throws Exception {
        // warm up the JDK client and the server before the clock starts: cold first requests lag by a second
        // (reads only, of things that do not exist: no state changes)
        String base = "http://127.0.0.1:" + server.port() + capture.contextPath;
        for (int i = 0; i < 5; i++) {
            for (String path : new String[] {"/warm-up", "/v1/cs/configs?dataId=warm-up&group=warm-up",
                "/v1/ns/instance/list?serviceName=warm-up", "/v3/client/cs/config?dataId=warm-up&groupName=warm-up"}) {
                http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        }
        server.clearRequests();
        double origin = capture.firstStart();
        long t0 = System.nanoTime();
        long lastActual = t0;
        double lastStart = origin;
        List<Capture.Exchange> launched = new ArrayList<>();
        Map<Capture.Exchange, CompletableFuture<Void>> running = new LinkedHashMap<>();
        for (Capture.Exchange ex : capture.exchanges) {
            if (ex.summary()) {
                continue;
            }
            for (Capture.Exchange prior : launched) {
                // only long requests still in flight when this one was sent (held listeners) may overlap it
                boolean overlapping = prior.elapsed() != null && prior.elapsed() >= 500 && prior.endMs > ex.startMs;
                if (!overlapping) {
                    running.get(prior).get(5, TimeUnit.MINUTES);
                }
            }
            // at the scaled captured offset, and never closer to the previous request than the scaled captured gap
            // gaps under 200 ms are kept as captured (they decide races with the dump and list delays)
            double gap = polled(ex) ? 0 : Math.max(0, ex.startMs - lastStart);
            double keptGap = gap <= 200 ? gap : Math.max(200, gap * scale);
            long due = Math.max(t0 + (long) ((ex.startMs - origin) * scale * 1_000_000L),
                    lastActual + (long) (keptGap * 1_000_000L));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            try {
                setup.before(ex, this);
            } catch (RuntimeException e) {
                synchronized (results) {
                    results.add(new Result(ex, "setup failed: " + e.getMessage(), null));
                }
                continue;
            }
            launched.add(ex);
            lastActual = System.nanoTime();
            lastStart = ex.startMs;
            running.put(ex, CompletableFuture.runAsync(() -> perform(ex), pool));
            setup.during(ex, this, scale);
        }
        for (CompletableFuture<Void> f : running.values()) {
            f.get(5, TimeUnit.MINUTES);
        }
    }

    /**
     * The capture program sent these reads right after a write and then polled (unrecorded) until the change showed;
     * their captured_at is the end of that polling. Replayed at once after the write, then polled the same way.
     */
    static boolean polled(Capture.Exchange ex) {
        String notes = String.valueOf(ex.json.getJsonArray("notes"));
        return !ex.udp() && !ex.name.contains("reflecting")
                && (ex.name.endsWith("-first-list-after-write") || ex.name.contains("immediately-after")
                        || notes.contains("polling interval") || notes.contains("still showed the old state")
                        || notes.contains("still returned") || notes.contains("returned the old content"));
    }

    private static final Pattern VISIBLE_AFTER = Pattern.compile("(?:visible|seen) (None|[0-9.]+) ms");

    /** How long the capture saw the old state (from its notes), or -1 when it never changed; 1 s when unknown. */
    private static double capturedChangeMs(Capture.Exchange ex) {
        Matcher m = VISIBLE_AFTER.matcher(String.valueOf(ex.json.getJsonArray("notes")));
        if (!m.find()) {
            return 1000;
        }
        return "None".equals(m.group(1)) ? -1 : Double.parseDouble(m.group(1));
    }

    private void pollUntilChanged(Capture.Exchange ex, byte[] firstBody) throws Exception {
        Set<String> vol = ResponseMatcher.volatileKeys(ex.json.getJsonArray("volatile"));
        JsonValue first = ResponseMatcher.parse(ResponseMatcher.text(firstBody));
        double changed = capturedChangeMs(ex);
        // the capture saw no change at all (the write was refused): poll briefly; else allow 3x its lag
        long budget = changed < 0 ? 500 : (long) Math.max(1500, 3 * changed);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos((long) (budget * timeFactor));
        while (System.nanoTime() < deadline) {
            Thread.sleep(20);
            byte[] now = send(ex).body();
            JsonValue cur = ResponseMatcher.parse(ResponseMatcher.text(now));
            boolean same = first != null && cur != null
                    ? ResponseMatcher.diff(ResponseMatcher.strip(first, vol), ResponseMatcher.strip(cur, vol), "$") == null
                    : java.util.Arrays.equals(firstBody, now);
            if (!same) {
                return;
            }
        }
    }

    private void perform(Capture.Exchange ex) {
        long began = System.nanoTime();
        String allowed = allowList.get(capture.version + "/" + ex.id());
        Result r;
        try {
            String host = ex.request().containsKey("headers") && !ex.request().isNull("headers")
                    ? ex.request().getJsonObject("headers").getString("Host", null) : null;
            if (host != null && !host.endsWith(":" + capture.port)) {
                r = new Result(ex, null, "console port (not served by the testkit)");
            } else if (ex.udp()) {
                r = new Result(ex, udpCheck(ex, allowed != null), null);
            } else {
                r = new Result(ex, httpCheck(ex, allowed != null), null);
            }
        } catch (Exception e) {
            r = new Result(ex, "replay failed: " + e, null);
        }
        if (r.problem != null && allowed != null) {
            r = new Result(ex, null, "allow-listed: " + allowed);
        }
        r.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        synchronized (results) {
            results.add(r);
        }
    }

    // ---------------------------------------------------------------- HTTP

    private String httpCheck(Capture.Exchange ex, boolean allowListed) throws Exception {
        JsonObject req = ex.request();
        JsonObject want = ex.response();
        String method = req.getString("method");
        boolean listener = req.getString("path", "").endsWith("/configs/listener") && "POST".equals(method);
        // an allow-listed exchange is known to differ: no re-reads (they would only cost time)
        boolean retryable = !allowListed && ("GET".equals(method) || "HEAD".equals(method));
        Set<String> vol = ResponseMatcher.volatileKeys(ex.json.getJsonArray("volatile"));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos((long) (10000 * timeFactor));
        String problem;
        String first = null;
        int attempts = 0;
        while (true) {
            attempts++;
            long start = System.nanoTime();
            HttpResponse<byte[]> rsp = send(ex);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            rememberTokens(ex, rsp);
            rememberIds(want, rsp);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            rsp.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            problem = ResponseMatcher.compare(want, rsp.statusCode(), headers, rsp.body(), vol, listener,
                    expectedBody(want));
            if (problem == null && listener) {
                problem = holdCheck(ex, elapsedMs);
            }
            if (first == null) {
                first = problem;
                if (polled(ex)) {
                    pollUntilChanged(ex, rsp.body());
                    break;
                }
            }
            if (problem == null || !retryable || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(50);
        }
        if (problem == null) {
            return null;
        }
        String debug = System.getProperty("nacosgi.conformance.debug");
        if (debug != null && !debug.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (org.nacosgi.testkit.RecordedRequest rr : server.requests()) {
                if (rr.toString().contains(debug) || rr.form().toString().contains(debug)) {
                    sb.append("\n      ").append(rr.time()).append(' ').append(rr).append(' ').append(rr.form());
                }
            }
            problem = problem + sb + "\n      now: " + server.instances("", System.getProperty("nacosgi.conformance.debugService", "x"));
        }
        return problem + (attempts > 1 ? " [after " + attempts + " reads; first: " + first + "]" : "");
    }

    /** The captured body with port numbers mapped when the testkit could not use the captured port. */
    private String expectedBody(JsonObject want) {
        String body = want.getString("body", "");
        int ours = server.port();
        if (ours == capture.port) {
            return body;
        }
        String p = String.valueOf(capture.port);
        String raft = String.valueOf(capture.port - 1000);
        return body.replace("\"server_port\":\"" + p + "\"", "\"server_port\":\"" + ours + "\"")
                .replace("127.0.0.1:" + p, "127.0.0.1:" + ours).replace("127.0.0.1:" + raft, "127.0.0.1:" + (ours - 1000))
                .replace("\"port\":" + p + ",", "\"port\":" + ours + ",")
                .replace("\"raftPort\":\"" + raft + "\"", "\"raftPort\":\"" + (ours - 1000) + "\"")
                .replace("port is " + (capture.port - 768) + ",", "port is " + (ours - 768) + ",");
    }

    /** A held listener must be held as long as the real one (scaled); an early one must return early. */
    private String holdCheck(Capture.Exchange ex, long ourMs) {
        Double captured = ex.elapsed();
        if (captured == null) {
            return null;
        }
        double expected = captured * scale;
        if (captured >= 9000) {
            if (ourMs < expected * 0.9 - 100 || ourMs > expected + 2500 * timeFactor) {
                return "held " + ourMs + " ms, expected about " + Math.round(expected) + " ms (captured "
                        + captured + " ms, scale " + scale + ")";
            }
        } else if (captured < 100 && ourMs > 1000 * timeFactor) {
            return "answered after " + ourMs + " ms, the real server answered at once";
        } else if (captured >= 100 && ourMs >= 10_000 * scale * 0.9) {
            return "held " + ourMs + " ms to the timeout, the real server returned early (" + captured + " ms)";
        }
        return null;
    }

    HttpResponse<byte[]> send(Capture.Exchange ex) throws IOException, InterruptedException {
        JsonObject req = ex.request();
        String method = req.getString("method");
        String target;
        if (req.containsKey("request_line") && !req.isNull("request_line")) {
            String line = req.getString("request_line");
            target = line.substring(line.indexOf(' ') + 1, line.lastIndexOf(' '));
        } else {
            target = req.getString("path");
        }
        target = substituteTokens(target);
        Matcher udpPort = Pattern.compile("udpPort=(\\d+)").matcher(target);
        if (udpPort.find()) {
            DatagramSocket local = socketFor(Integer.parseInt(udpPort.group(1)));
            target = udpPort.replaceAll("udpPort=" + local.getLocalPort());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + target))
                .timeout(Duration.ofSeconds(120));
        JsonObject headers = req.containsKey("headers") && !req.isNull("headers") ? req.getJsonObject("headers")
                : jakarta.json.Json.createObjectBuilder().build();
        for (Map.Entry<String, JsonValue> h : headers.entrySet()) {
            String name = h.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (Set.of("host", "content-length", "connection", "expect", "upgrade", "accept-encoding")
                    .contains(lower)) {
                continue;
            }
            String value = substituteTokens(((JsonString) h.getValue()).getString());
            if ("long-pulling-timeout".equals(lower)) {
                try {
                    value = String.valueOf(Math.round(Long.parseLong(value) * scale));
                } catch (NumberFormatException keep) {
                    // "abc" is part of the test
                }
            }
            b.header(name, value);
        }
        byte[] body = requestBody(req, ex.json);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String generatorNote;

    private byte[] requestBody(JsonObject req, JsonObject exchange) {
        generatorNote = null;
        for (Capture.Exchange other : capture.exchanges) {
            for (JsonValue n : other.json.getJsonArray("notes")) {
                String t = ((JsonString) n).getString();
                if (t.startsWith("content generator: ")) {
                    generatorNote = t.substring("content generator: ".length());
                }
            }
        }
        if (!req.containsKey("body") || req.isNull("body")) {
            return null;
        }
        String body = req.getString("body");
        if (!req.getBoolean("body_truncated", false)) {
            return substituteTokens(body).getBytes(StandardCharsets.UTF_8);
        }
        JsonObject form = req.containsKey("form") && !req.isNull("form") ? req.getJsonObject("form") : null;
        if (form != null && !form.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, JsonValue> f : form.entrySet()) {
                String v = expandField(((JsonString) f.getValue()).getString(), generatorNote);
                if (sb.length() > 0) {
                    sb.append('&');
                }
                sb.append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
        int length = req.getInt("body_length", body.length());
        StringBuilder sb = new StringBuilder(length).append(body);
        char pad = body.charAt(body.length() - 1);
        while (sb.length() < length) {
            sb.append(pad);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Rebuilds a large form field from its summary: its first 64 characters repeated, checked against its md5. */
    static String expandField(String v, String generator) {
        Matcher m = FIELD_SUMMARY.matcher(v);
        if (!m.matches()) {
            return v;
        }
        int n = Integer.parseInt(m.group(1));
        String md5 = m.group(2);
        String head = m.group(3);
        if (generator != null) {
            String g = Generators.eval(generator);
            if (g.length() == n && ResponseMatcher.md5(g.getBytes(StandardCharsets.UTF_8)).equals(md5)) {
                return g;
            }
        }
        for (String suffix : new String[] {"", "\"}", "\"]", "\"}}"}) {
            for (int period = 1; period <= head.length(); period++) {
                String unit = head.substring(head.length() - period);
                StringBuilder sb = new StringBuilder(n).append(head);
                int i = 0;
                while (sb.length() < n - suffix.length()) {
                    sb.append(unit.charAt(i++ % unit.length()));
                }
                sb.setLength(Math.max(0, n - suffix.length()));
                sb.append(suffix);
                String candidate = sb.toString();
                if (ResponseMatcher.md5(candidate.getBytes(StandardCharsets.UTF_8)).equals(md5)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("cannot rebuild a " + n + "-char field starting '" + head + "'");
    }

    private final Map<String, String> ids = new ConcurrentHashMap<>();

    /** Maps the captured server-generated ids (history rows) to ours, by position in the same answer. */
    private void rememberIds(JsonObject want, HttpResponse<byte[]> rsp) {
        JsonValue w = ResponseMatcher.parse(want.getString("body", ""));
        JsonValue g = ResponseMatcher.parse(ResponseMatcher.text(rsp.body()));
        if (w != null && g != null) {
            collectIds(w, g);
        }
    }

    private void collectIds(JsonValue w, JsonValue g) {
        if (w.getValueType() != g.getValueType()) {
            return;
        }
        if (w.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject wo = w.asJsonObject();
            JsonObject go = g.asJsonObject();
            if (wo.get("id") instanceof JsonString && go.get("id") instanceof JsonString) {
                ids.put(wo.getString("id"), go.getString("id"));
            }
            for (String k : wo.keySet()) {
                if (go.containsKey(k)) {
                    collectIds(wo.get(k), go.get(k));
                }
            }
        } else if (w.getValueType() == JsonValue.ValueType.ARRAY) {
            for (int i = 0; i < Math.min(w.asJsonArray().size(), g.asJsonArray().size()); i++) {
                collectIds(w.asJsonArray().get(i), g.asJsonArray().get(i));
            }
        }
    }

    String substituteTokens(String s) {
        String out = s;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            out = out.replaceAll("([?&](?:n?id)=)" + Pattern.quote(id.getKey()) + "(?=&|$)",
                    "$1" + Matcher.quoteReplacement(id.getValue()));
        }
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            out = out.replace(t.getKey(), t.getValue());
        }
        if (adminToken != null) {
            out = out.replace("<token>", adminToken).replace("<token-2>", adminToken);
        }
        if (userToken != null) {
            out = out.replace("<user-token>", userToken);
        }
        return out.replace("<token>", "%3Ctoken%3E").replace("<user-token>", "%3Cuser-token%3E")
                .replace("<token-2>", "%3Ctoken-2%3E");
    }

    private void rememberTokens(Capture.Exchange ex, HttpResponse<byte[]> rsp) {
        if (rsp.statusCode() != 200) {
            return;
        }
        JsonValue got = ResponseMatcher.parse(ResponseMatcher.text(rsp.body()));
        if (!(got instanceof JsonObject) || !((JsonObject) got).containsKey("accessToken")) {
            return;
        }
        JsonObject g = (JsonObject) got;
        String ours = g.getString("accessToken");
        JsonValue captured = ResponseMatcher.parse(ex.response().getString("body", ""));
        if (captured instanceof JsonObject && ((JsonObject) captured).containsKey("accessToken")) {
            String theirs = ((JsonObject) captured).getString("accessToken");
            if (!theirs.startsWith("<")) {
                tokens.put(theirs, ours);
            }
        }
        if (g.getBoolean("globalAdmin", false)) {
            adminToken = ours;
        } else {
            userToken = ours;
        }
    }

    // ---------------------------------------------------------------- UDP

    private String udpCheck(Capture.Exchange ex, boolean allowListed) throws Exception {
        JsonObject want = ex.response();
        LinkedBlockingQueue<DatagramPacket> datagrams = queues.get(currentUdpPort);
        DatagramSocket udp = sockets.get(currentUdpPort);
        if (datagrams == null) {
            return want.containsKey("decoded_text") || want.containsKey("decoded_json")
                    ? "no UDP subscription was made before this datagram" : null;
        }
        boolean expectNone = want.containsKey("datagrams_received")
                || !(want.containsKey("decoded_text") || want.containsKey("decoded_json"));
        if (expectNone) {
            DatagramPacket stray = datagrams.poll();
            return stray == null ? null : "unexpected datagram: " + ResponseMatcher.text(
                    ResponseMatcher.gunzipIfNeeded(java.util.Arrays.copyOf(stray.getData(), stray.getLength())));
        }
        // the capture ignored datagrams it was not waiting for (e.g. the push after a subscribe): so does the replay
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                (long) ((allowListed ? 2_000 : 15_000) * timeFactor));
        String firstProblem = null;
        while (true) {
            DatagramPacket p = datagrams.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (p == null) {
                return firstProblem != null ? firstProblem : "no datagram arrived";
            }
            String problem = datagramProblem(ex, want, p, udp);
            if (problem == null) {
                return null;
            }
            if (want.containsKey("ack_sent") && !want.isNull("ack_sent")) {
                ack(p, udp);
            }
            if (firstProblem == null) {
                firstProblem = problem;
            }
        }
    }

    private String datagramProblem(Capture.Exchange ex, JsonObject want, DatagramPacket p, DatagramSocket udp)
            throws Exception {
        byte[] raw = java.util.Arrays.copyOf(p.getData(), p.getLength());
        boolean gzipped = raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        String text = ResponseMatcher.text(ResponseMatcher.gunzipIfNeeded(raw));
        if (p.getPort() == server.port()) {
            return "datagram came from the HTTP port";
        }
        boolean wantGzip = want.containsKey("gzip") ? want.getBoolean("gzip")
                : String.valueOf(ex.json.getJsonArray("notes")).contains("gzip-compressed: True");
        if (gzipped != wantGzip) {
            return "gzip " + gzipped + " != captured " + wantGzip + " (" + raw.length + " bytes): "
                    + ResponseMatcher.abbreviate(text);
        }
        JsonValue got = ResponseMatcher.parse(text);
        JsonValue exp = want.containsKey("decoded_text") ? ResponseMatcher.parse(want.getString("decoded_text"))
                : want.getJsonObject("decoded_json");
        if (!(got instanceof JsonObject)) {
            return "datagram is not JSON: " + text;
        }
        JsonObject go = (JsonObject) got;
        JsonObject eo = (JsonObject) exp;
        if (!go.keySet().equals(eo.keySet()) || !go.getString("type").equals(eo.getString("type"))) {
            return "datagram shape " + go.keySet() + " != captured " + eo.keySet();
        }
        Set<String> vol = Set.of("lastRefTime", "checksum");
        String d = ResponseMatcher.diff(ResponseMatcher.strip(ResponseMatcher.parse(eo.getString("data")), vol),
                ResponseMatcher.strip(ResponseMatcher.parse(go.getString("data")), vol), "$.data");
        if (d != null) {
            return d;
        }
        if (want.containsKey("ack_sent") && !want.isNull("ack_sent")) {
            ack(p, udp);
        }
        return null;
    }

    /** Acknowledges a push the way the capture program (and the Java client) does. */
    private void ack(DatagramPacket p, DatagramSocket udp) throws IOException {
        JsonValue parsed = ResponseMatcher.parse(ResponseMatcher.text(
                ResponseMatcher.gunzipIfNeeded(java.util.Arrays.copyOf(p.getData(), p.getLength()))));
        if (!(parsed instanceof JsonObject)) {
            return;
        }
        JsonObject go = (JsonObject) parsed;
        String ack = "{\"type\":\"push-ack\",\"lastRefTime\":\"" + go.get("lastRefTime") + "\",\"data\":\"\"}";
        byte[] a = ack.getBytes(StandardCharsets.UTF_8);
        udp.send(new DatagramPacket(a, a.length, p.getSocketAddress()));
    }

    /** For setup actions: HTTP calls relative to the context path. */
    void call(String method, String path, Map<String, String> form) {
        try {
            StringBuilder sb = new StringBuilder();
            if (adminToken != null) {
                sb.append("accessToken=").append(adminToken);
            }
            for (Map.Entry<String, String> f : form.entrySet()) {
                if (sb.length() > 0) {
                    sb.append('&');
                }
                sb.append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(substituteTokens(f.getValue()), StandardCharsets.UTF_8));
            }
            HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + capture.contextPath + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(sb.toString())).build();
            HttpResponse<String> rsp = http.send(r, HttpResponse.BodyHandlers.ofString());
            if (rsp.statusCode() != 200) {
                throw new IllegalStateException("setup " + method + " " + path + " answered " + rsp.statusCode()
                        + ": " + rsp.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("setup " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    NacosTestServer server() {
        return server;
    }

    String runId() {
        return capture.runId;
    }

    ExecutorService pool() {
        return pool;
    }

}
