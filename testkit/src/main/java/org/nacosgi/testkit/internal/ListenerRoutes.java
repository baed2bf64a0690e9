package org.nacosgi.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/** v1 config listener: POST {@code /v1/cs/configs/listener} (long polling, no-hang-up, short polling). */
final class ListenerRoutes {
    private static final char WORD = '\u0002';
    private static final char LINE = '\u0001';

    private final Core core;

    ListenerRoutes(Core core) {
        this.core = core;
        core.configs.onChange(key -> core.longPolls.changed(key, keys -> core.dialect.finish(changedReply(keys))));
    }

    void register(Routes routes) {
        routes.add("POST", "/v1/cs/configs/listener", Routes.Guard.CLIENT, this::listen);
        routes.add("GET", "/v1/cs/configs/listener", Routes.Guard.CLIENT, this::whoListens);
    }

    /** Thrown for a malformed Listening-Configs value; {@code tooMany} separates Nacos' two failure paths. */
    private static final class BadProbe extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean tooMany;

        BadProbe(boolean tooMany) {
            super("invalid probeModify", null, false, false);
            this.tooMany = tooMany;
        }
    }

    private Reply listen(Call call) throws Exception {
        Request r = call.req;
        Dialect d = core.dialect;
        String probe = r.param("Listening-Configs");
        if (probe == null || probe.isBlank()) {
            return d.caused(400, "invalid probeModify", r).closing();
        }
        String decoded;
        try {
            decoded = UrlCodec.decode(probe);
        } catch (IllegalArgumentException e) {
            return d.v3() ? d.springError(400, "caused: " + e.getMessage() + ";", r).closing()
                    : d.springError(500, e.getMessage(), r).closing();
        }
        List<LongPolls.ListenKey> keys;
        try {
            keys = parse(decoded);
        } catch (BadProbe e) {
            if (!e.tooMany) {
                return d.caused(400, "invalid probeModify", r).closing();
            }
            return invalidProbe(r);
        }
        String timeoutHeader = r.header("Long-Pulling-Timeout");
        boolean noHangUp = "true".equalsIgnoreCase(r.header("Long-Pulling-Timeout-No-Hangup"));
        if (timeoutHeader == null) {
            return shortPoll(r, changed(keys));
        }
        long timeout;
        try {
            timeout = Long.parseLong(timeoutHeader);
        } catch (NumberFormatException e) {
            return d.caused(400, "For input string: \"" + timeoutHeader + "\"", r).closing();
        }
        if (keys.isEmpty()) {
            return noHangUp ? emptyReply() : invalidProbe(r);
        }
        List<LongPolls.ListenKey> changed = changed(keys);
        if (!changed.isEmpty()) {
            return changedReply(changed);
        }
        if (noHangUp) {
            return emptyReply();
        }
        long hold = Math.max(core.settings.holdFloor.toMillis(), timeout - core.settings.holdMargin.toMillis());
        core.longPolls.hold(call, keys, hold, () -> core.dialect.finish(emptyReply()), () -> {
            List<LongPolls.ListenKey> late = changed(keys);
            return late.isEmpty() ? null : core.dialect.finish(changedReply(late));
        });
        return Reply.DEFERRED;
    }

    /** 2.x console query: which clients hold a long poll on a config (ip to the md5 they sent). */
    private Reply whoListens(Call call) {
        Request r = call.req;
        for (String p : new String[] {"dataId", "group"}) {
            if (!r.has(p)) {
                return core.dialect.missingParam(p, r);
            }
        }
        jakarta.json.JsonObjectBuilder status = core.json.obj();
        core.longPolls.listenersOf(ConfigItem.key(core.tenants.forRead(r.param("tenant")), r.param("group"),
                r.param("dataId"))).forEach(status::add);
        String body = core.json.obj().add("collectStatus", 200).add("lisentersGroupkeyStatus", status).build()
                .toString();
        return Reply.of(200, Dialect.JSON_UTF8, body);
    }

    private Reply invalidProbe(Request r) {
        Dialect d = core.dialect;
        return d.v3() ? d.springError(400, "caused: invalid probeModify;", r).closing()
                : d.springError(500, "invalid probeModify", r).closing();
    }

    /** Nacos MD5Util.getClientMd5Map, including its failure modes. */
    private List<LongPolls.ListenKey> parse(String s) throws BadProbe {
        List<LongPolls.ListenKey> out = new ArrayList<>();
        List<String> tmp = new ArrayList<>(3);
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == WORD) {
                tmp.add(s.substring(start, i));
                start = i + 1;
                if (tmp.size() > 3) {
                    throw new BadProbe(true);
                }
            } else if (c == LINE) {
                String end = start + 1 <= i ? s.substring(start, i) : "";
                start = i + 1;
                if (tmp.size() == 2) {
                    out.add(key(tmp.get(0), tmp.get(1), "", end));
                } else if (tmp.size() == 3) {
                    out.add(key(tmp.get(0), tmp.get(1), end, tmp.get(2)));
                } else {
                    throw new BadProbe(false);
                }
                tmp.clear();
                if (out.size() > 10000) {
                    throw new BadProbe(true);
                }
            }
        }
        return out;
    }

    private LongPolls.ListenKey key(String dataId, String group, String tenant, String md5) {
        return new LongPolls.ListenKey(dataId, group, tenant, md5, core.tenants.forRead(tenant));
    }

    private List<LongPolls.ListenKey> changed(List<LongPolls.ListenKey> keys) {
        List<LongPolls.ListenKey> out = new ArrayList<>();
        for (LongPolls.ListenKey k : keys) {
            ConfigItem item = core.configs.visible(core.tenants.forRead(k.tenantAsSent), k.group, k.dataId);
            String serverMd5 = item == null ? "" : item.md5;
            if (!serverMd5.equals(k.md5)) {
                out.add(k);
            }
        }
        return out;
    }

    /** URLEncoder.encode("dataId^Bgroup[^Btenant]^A...") followed by println's newline. */
    static String encodeKeys(List<LongPolls.ListenKey> keys) {
        StringBuilder sb = new StringBuilder();
        for (LongPolls.ListenKey k : keys) {
            sb.append(k.dataId).append(WORD).append(k.group);
            if (!k.tenantAsSent.isEmpty()) {
                sb.append(WORD).append(k.tenantAsSent);
            }
            sb.append(LINE);
        }
        return UrlCodec.encode(sb.toString());
    }

    private Reply changedReply(List<LongPolls.ListenKey> keys) {
        Reply r = Reply.of(200, null, encodeKeys(keys) + "\n");
        noCache(r).header("Content-Type", Dialect.JSON_UTF8);
        return r;
    }

    private static Reply noCache(Reply r) {
        return r.header("Pragma", "no-cache").header("Expires", "Thu, 01 Jan 1970 00:00:00 GMT")
                .header("Cache-Control", "no-cache,no-store");
    }

    private Reply emptyReply() {
        return Reply.of(200, Dialect.JSON_UTF8, "");
    }

    /** Without Long-Pulling-Timeout: changes only in the Probe-Modify-Response headers (not for clients >= 2.0.4). */
    private Reply shortPoll(Request r, List<LongPolls.ListenKey> changed) {
        Reply reply = new Reply(200, new byte[0]);
        if (!changed.isEmpty() && !clientAtLeast(r.header("Client-Version"), 2, 0, 4)) {
            StringBuilder old = new StringBuilder();
            for (LongPolls.ListenKey k : changed) {
                old.append(k.dataId).append(':').append(k.group).append(';');
            }
            reply.header("Probe-Modify-Response", old.toString())
                    .header("Probe-Modify-Response-New", encodeKeys(changed));
        }
        return noCache(reply).header("Content-Type", Dialect.JSON_UTF8);
    }

    private static boolean clientAtLeast(String version, int major, int minor, int patch) {
        if (version == null) {
            return false;
        }
        String v = version.replaceAll("^[^0-9]*", "");
        String[] p = v.split("[.-]");
        int[] want = {major, minor, patch};
        for (int i = 0; i < 3; i++) {
            int have;
            try {
                have = i < p.length ? Integer.parseInt(p[i]) : 0;
            } catch (NumberFormatException e) {
                return false;
            }
            if (have != want[i]) {
                return have > want[i];
            }
        }
        return true;
    }
}
