package org.nacosgi.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** {@code /v3/admin/cs/...}: config CRUD (reads the database, no dump delay), search, listeners, history. */
final class V3AdminConfigRoutes {
    /** The constant createTime 3.0.3 shows on history rows (2010-05-05). */
    private static final long HISTORY_CREATE_TIME = 1273017600000L;

    private final Core core;
    private final V3Replies replies;

    V3AdminConfigRoutes(Core core) {
        this.core = core;
        this.replies = new V3Replies(core);
    }

    void register(Routes routes) {
        routes.add("GET", "/v3/admin/cs/config", Routes.Guard.ADMIN, this::get);
        routes.add("POST", "/v3/admin/cs/config", Routes.Guard.ADMIN, this::publish);
        routes.add("DELETE", "/v3/admin/cs/config", Routes.Guard.ADMIN, this::delete);
        routes.add("GET", "/v3/admin/cs/config/list", Routes.Guard.ADMIN, this::search);
        routes.add("GET", "/v3/admin/cs/config/beta", Routes.Guard.ADMIN,
                c -> replies.notFound("Config is not in beta."));
        routes.add("GET", "/v3/admin/cs/config/listener", Routes.Guard.ADMIN, this::listenersOfConfig);
        routes.add("GET", "/v3/admin/cs/listener", Routes.Guard.ADMIN, this::listenersOfIp);
        routes.add("GET", "/v3/admin/cs/history/list", Routes.Guard.ADMIN, this::historyList);
        routes.add("GET", "/v3/admin/cs/history", Routes.Guard.ADMIN, this::historyDetail);
        routes.add("GET", "/v3/admin/cs/history/previous", Routes.Guard.ADMIN,
                c -> replies.error(400, 20002, "parameter validate error", "Source must not be null"));
        routes.add("GET", "/v3/admin/cs/metrics/ip", Routes.Guard.ADMIN, c -> replies.ok(core.json.obj().build()));
    }

    private Reply requireConfigParams(Request r, boolean content) {
        String bad = ConfigRoutes.filterCheck(r, "dataId", "groupName", "namespaceId");
        if (bad != null) {
            return core.dialect.filter400(bad, r);
        }
        List<String> names = new ArrayList<>(List.of("groupName", "dataId"));
        if (content) {
            names.add("content");
        }
        for (String p : names) {
            if (!r.has(p) || r.param(p).isEmpty()) {
                return replies.missing(p);
            }
        }
        return null;
    }

    private String tenant(Request r) {
        return core.tenants.forWrite(r.param("namespaceId"));
    }

    private Reply get(Call call) {
        Request r = call.req;
        Reply bad = requireConfigParams(r, false);
        if (bad != null) {
            return bad;
        }
        ConfigItem i = core.configs.stored(tenant(r), r.param("groupName"), r.param("dataId"));
        if (i == null) {
            return replies.notFound("Config not exist, please publish Config first.");
        }
        JsonObjectBuilder b = core.json.obj().add("id", String.valueOf(i.id))
                .add("namespaceId", Tenants.shown(i.tenant)).add("groupName", i.group).add("dataId", i.dataId)
                .add("md5", i.md5).add("type", i.type).add("appName", i.appName).add("createTime", i.createTime)
                .add("modifyTime", i.modifyTime).add("content", i.content);
        Json.str(b, "desc", i.desc);
        b.add("encryptedDataKey", "").add("createUser", "nacos");
        Json.str(b, "createIp", i.srcIp);
        Json.str(b, "configTags", i.tags);
        return replies.ok(b.build());
    }

    private Reply publish(Call call) {
        Request r = call.req;
        Reply bad = requireConfigParams(r, true);
        if (bad != null) {
            return bad;
        }
        String cas = r.header("casMd5");
        boolean ok = core.configs.publish(tenant(r), r.param("groupName"), r.param("dataId"), r.param("content"),
                r.param("type"), r.param("appName"), r.param("desc"), r.param("configTags"),
                cas == null || cas.isEmpty() ? null : cas, r.remote.getAddress().getHostAddress(),
                core.configs.adminDumpDelay());
        if (!ok) {
            return replies.error(500, 20005, "resource conflict", "Cas publish fail, server md5 may have changed.");
        }
        return replies.ok(JsonValue.TRUE);
    }

    private Reply delete(Call call) {
        Request r = call.req;
        Reply bad = requireConfigParams(r, false);
        if (bad != null) {
            return bad;
        }
        core.configs.delete(tenant(r), r.param("groupName"), r.param("dataId"),
                r.remote.getAddress().getHostAddress(), core.configs.adminDumpDelay());
        return replies.ok(JsonValue.TRUE);
    }

    /** {@code search=blur} takes {@code *} wildcards; accurate matches exactly; empty means any. */
    private static boolean matches(String pattern, String value, boolean blur) {
        if (pattern == null || pattern.isEmpty()) {
            return true;
        }
        if (!blur) {
            return pattern.equals(value);
        }
        String regex = ("\\Q" + pattern.replace("*", "\\E.*\\Q") + "\\E");
        return Pattern.compile(regex).matcher(value).matches();
    }

    private Reply search(Call call) {
        Request r = call.req;
        boolean blur = "blur".equals(r.param("search"));
        int pageNo = Math.max(1, Integer.parseInt(r.param("pageNo", "1").trim()));
        int pageSize = Math.max(1, Integer.parseInt(r.param("pageSize", "10").trim()));
        String ns = tenant(r);
        List<ConfigItem> hits = new ArrayList<>();
        for (ConfigItem i : core.configs.all()) {
            if (i.tenant.equals(ns) && matches(r.param("dataId"), i.dataId, blur)
                    && matches(r.param("groupName"), i.group, blur)) {
                hits.add(i);
            }
        }
        hits.sort((a, b) -> Long.compare(a.id, b.id));
        JsonArrayBuilder items = core.json.arr();
        for (int k = (pageNo - 1) * pageSize; k < Math.min(hits.size(), pageNo * pageSize); k++) {
            ConfigItem i = hits.get(k);
            items.add(core.json.obj().add("id", String.valueOf(i.id)).add("namespaceId", Tenants.shown(i.tenant))
                    .add("groupName", i.group).add("dataId", i.dataId).add("md5", i.md5).add("type", i.type)
                    .add("appName", i.appName).add("createTime", 0).add("modifyTime", 0));
        }
        return replies.ok(page(hits.size(), pageNo, pageSize, items));
    }

    JsonValue page(int total, int pageNo, int pageSize, JsonArrayBuilder items) {
        return core.json.obj().add("totalCount", total).add("pageNumber", pageNo)
                .add("pagesAvailable", (total + pageSize - 1) / pageSize).add("pageItems", items).build();
    }

    private Reply listenersOfConfig(Call call) {
        Request r = call.req;
        Reply bad = requireConfigParams(r, false);
        if (bad != null) {
            return bad;
        }
        Map<String, String> l = core.longPolls.listenersOf(ConfigItem.key(tenant(r), r.param("groupName"),
                r.param("dataId")));
        JsonObjectBuilder status = core.json.obj();
        l.forEach(status::add);
        return replies.ok(core.json.obj().add("queryType", "config").add("listenersStatus", status).build());
    }

    private Reply listenersOfIp(Call call) {
        Map<String, String> l = core.longPolls.keysOf(call.req.param("ip", ""));
        JsonObjectBuilder status = core.json.obj();
        l.forEach(status::add);
        return replies.ok(core.json.obj().add("queryType", "ip").add("listenersStatus", status).build());
    }

    private JsonObjectBuilder historyRow(ConfigStore.History h, boolean detail) {
        ConfigItem i = h.item;
        JsonObjectBuilder b = core.json.obj().add("id", String.valueOf(h.id)).add("namespaceId", Tenants.shown(i.tenant))
                .add("groupName", i.group).add("dataId", i.dataId);
        if (detail) {
            b.add("md5", i.md5);
        } else {
            b.addNull("md5");
        }
        b.addNull("type").add("appName", i.appName).add("createTime", HISTORY_CREATE_TIME).add("modifyTime", h.time);
        Json.str(b, "srcIp", i.srcIp);
        b.add("srcUser", "nacos").add("opType", String.format("%-10s", h.opType)).add("publishType", "formal");
        if (detail) {
            JsonObjectBuilder ext = core.json.obj().add("type", i.type);
            if (i.tags != null) {
                ext.add("config_tags", i.tags);
            }
            ext.add("src_user", "nacos");
            b.add("content", i.content).add("encryptedDataKey", "").add("grayName", "")
                    .add("extInfo", ext.build().toString());
        }
        return b;
    }

    private Reply historyList(Call call) {
        Request r = call.req;
        Reply bad = requireConfigParams(r, false);
        if (bad != null) {
            return bad;
        }
        int pageNo = Math.max(1, Integer.parseInt(r.param("pageNo", "1").trim()));
        int pageSize = Math.max(1, Integer.parseInt(r.param("pageSize", "10").trim()));
        List<ConfigStore.History> rows = core.configs.history(tenant(r), r.param("groupName"), r.param("dataId"));
        JsonArrayBuilder items = core.json.arr();
        for (int k = (pageNo - 1) * pageSize; k < Math.min(rows.size(), pageNo * pageSize); k++) {
            items.add(historyRow(rows.get(k), false));
        }
        return replies.ok(page(rows.size(), pageNo, pageSize, items));
    }

    private Reply historyDetail(Call call) {
        Request r = call.req;
        long id;
        try {
            id = Long.parseLong(r.param("nid", "").trim());
        } catch (NumberFormatException e) {
            return replies.missing("nid");
        }
        ConfigStore.History h = core.configs.historyById(id);
        if (h == null) {
            return replies.notFound("history not exist");
        }
        return replies.ok(historyRow(h, true).build());
    }
}
