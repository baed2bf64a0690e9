package org.nacosgi.testkit.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import jakarta.json.JsonObjectBuilder;

/** v1 config: GET / POST / DELETE {@code /v1/cs/configs}. */
final class ConfigRoutes {
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final Core core;

    ConfigRoutes(Core core) {
        this.core = core;
    }

    void register(Routes routes) {
        routes.add("GET", "/v1/cs/configs", Routes.Guard.CLIENT, this::get);
        routes.add("POST", "/v1/cs/configs", Routes.Guard.CLIENT, this::publish);
        routes.add("DELETE", "/v1/cs/configs", Routes.Guard.CLIENT, this::delete);
    }

    /** The filter checks of dataId, group and tenant, or null. */
    static String filterCheck(Request r, String dataIdParam, String groupParam, String tenantParam) {
        String m = ParamRules.namespace(r.param(tenantParam));
        if (m == null) {
            m = ParamRules.dataId(r.param(dataIdParam));
        }
        if (m == null) {
            m = ParamRules.group(r.param(groupParam));
        }
        return m;
    }

    /** The checks get and delete make, in the server's order, on dataId, group and tenant; the reply, or null. */
    private Reply checkKey(Request r) {
        Dialect d = core.dialect;
        String bad = filterCheck(r, "dataId", "group", "tenant");
        if (bad != null) {
            return d.filter400(bad, r);
        }
        if (!r.has("dataId")) {
            return d.missingParam("dataId", r);
        }
        if (!r.has("group")) {
            return d.missingParam("group", r);
        }
        if (r.param("dataId").isBlank()) {
            return d.caused(400, "invalid dataId : " + r.param("dataId"), r);
        }
        if (r.param("group").isBlank()) {
            return d.caused(400, "invalid group : " + r.param("group"), r);
        }
        return null;
    }

    private Reply get(Call call) {
        Request r = call.req;
        Reply invalid = checkKey(r);
        if (invalid != null) {
            return invalid;
        }
        String dataId = r.param("dataId");
        String group = r.param("group");
        String tenant = core.tenants.forRead(r.param("tenant"));
        if (!core.settings.v3() && "all".equals(r.param("show"))) {
            return showAll(r, tenant, group, dataId);
        }
        String tag = r.param("tag");
        ConfigItem item = tag == null || tag.isEmpty() ? core.configs.visible(tenant, group, dataId) : null;
        if (item == null) {
            return Reply.of(404, Dialect.JSON_UTF8, "config data not exist\n");
        }
        return found(item);
    }

    static Reply found(ConfigItem item) {
        return Reply.of(200, null, item.content).header("Config-Type", item.type).header("Content-MD5", item.md5)
                .header("Pragma", "no-cache").header("Expires", "Thu, 01 Jan 1970 00:00:00 GMT")
                .header("Cache-Control", "no-cache,no-store")
                .header("Last-Modified", HTTP_DATE.format(Instant.ofEpochMilli(item.modifyTime)))
                .header("Encrypted-Data-Key", "").header("Content-Type", Dialect.TEXT);
    }

    private Reply showAll(Request r, String tenant, String group, String dataId) {
        ConfigItem i = core.configs.stored(tenant, group, dataId);
        if (i == null) {
            return Reply.of(200, Dialect.JSON_UTF8, "");
        }
        JsonObjectBuilder b = core.json.obj().add("id", String.valueOf(i.id)).add("dataId", i.dataId)
                .add("group", i.group).add("content", i.content).add("md5", i.md5).add("encryptedDataKey", "")
                .add("tenant", i.tenant).add("appName", i.appName).add("type", i.type)
                .add("createTime", i.createTime).add("modifyTime", i.modifyTime).addNull("createUser");
        Json.str(b, "createIp", i.srcIp);
        Json.str(b, "desc", i.desc);
        b.addNull("use").addNull("effect").addNull("schema");
        Json.str(b, "configTags", i.tags);
        return Reply.of(200, Dialect.JSON_UTF8, b.build().toString());
    }

    private Reply publish(Call call) {
        Request r = call.req;
        Dialect d = core.dialect;
        String bad = filterCheck(r, "dataId", "group", "tenant");
        if (bad != null) {
            return d.filter400(bad, r);
        }
        for (String p : new String[] {"dataId", "group", "content"}) {
            if (!r.has(p)) {
                return d.missingParam(p, r);
            }
        }
        String dataId = r.param("dataId");
        String group = r.param("group");
        String content = r.param("content");
        Reply invalid = checkPublishParams(r, dataId, group, content);
        if (invalid != null) {
            return invalid;
        }
        String tenant = core.tenants.forWrite(r.param("tenant"));
        String cas = r.header("casMd5");
        boolean ok = core.configs.publish(tenant, group, dataId, content, r.param("type"), r.param("appName"),
                r.param("desc"), r.param("config_tags"), cas == null || cas.isEmpty() ? null : cas,
                r.remote.getAddress().getHostAddress(), false);
        if (!ok) {
            if (core.settings.v3()) {
                return Reply.of(500, Dialect.JSON_UTF8, "false").closing();
            }
            return d.caused(500, "Cas publish fail, server md5 may have changed.", r).closing();
        }
        return Reply.of(200, Dialect.JSON_UTF8, "true");
    }

    /** Nacos ParamUtils.checkParam: blank or invalid names and blank content are 400 "caused:" texts. */
    private Reply checkPublishParams(Request r, String dataId, String group, String content) {
        Dialect d = core.dialect;
        if (dataId.isBlank()) {
            return d.caused(400, "invalid dataId : " + dataId, r).closing();
        }
        if (group.isBlank()) {
            return d.caused(400, "invalid group : " + group, r).closing();
        }
        if (content.isBlank()) {
            return d.caused(400, "content is blank : " + content, r).closing();
        }
        if (content.length() > 10 * 1024 * 1024) {
            return d.caused(400, "invalid content, over 10485760", r).closing();
        }
        return null;
    }

    private Reply delete(Call call) {
        Request r = call.req;
        Reply invalid = checkKey(r);
        if (invalid != null) {
            return invalid;
        }
        String dataId = r.param("dataId");
        String group = r.param("group");
        core.configs.delete(core.tenants.forWrite(r.param("tenant")), group, dataId,
                r.remote.getAddress().getHostAddress(), false);
        return Reply.of(200, Dialect.JSON_UTF8, "true");
    }
}
