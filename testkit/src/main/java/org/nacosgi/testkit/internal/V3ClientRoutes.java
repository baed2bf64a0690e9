package org.nacosgi.testkit.internal;

import java.util.List;
import java.util.Map;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** {@code /v3/client/cs/config} and {@code /v3/client/ns/instance[/list]} (3.x client API). */
final class V3ClientRoutes {
    private final Core core;
    private final V3Replies replies;
    private final ServiceInfoJson infoJson;

    V3ClientRoutes(Core core) {
        this.core = core;
        this.replies = new V3Replies(core);
        this.infoJson = new ServiceInfoJson(core);
    }

    void register(Routes routes) {
        routes.add("GET", "/v3/client/cs/config", Routes.Guard.CLIENT, this::getConfig);
        routes.add("POST", "/v3/client/ns/instance", Routes.Guard.CLIENT, this::registerOrBeat);
        routes.add("DELETE", "/v3/client/ns/instance", Routes.Guard.CLIENT, this::deregister);
        routes.add("GET", "/v3/client/ns/instance/list", Routes.Guard.CLIENT, this::list);
    }

    private Reply getConfig(Call call) {
        Request r = call.req;
        String bad = ConfigRoutes.filterCheck(r, "dataId", "groupName", "namespaceId");
        if (bad != null) {
            return core.dialect.filter400(bad, r);
        }
        for (String p : new String[] {"groupName", "dataId"}) {
            if (!r.has(p)) {
                return Reply.of(400, Dialect.TEXT, "caused: Required parameter '" + p
                        + "' type String is not present;").closing();
            }
        }
        ConfigItem item = core.configs.visible(core.tenants.forRead(r.param("namespaceId")), r.param("groupName"),
                r.param("dataId"));
        if (item == null) {
            return replies.error(200, 20004, "resource not found", null);
        }
        return replies.ok(queryResponse(item));
    }

    /** The gRPC ConfigQueryResponse shape the 3.x client API returns as data. */
    private JsonValue queryResponse(ConfigItem item) {
        return core.json.obj().add("resultCode", 200).add("errorCode", 0).addNull("message").addNull("requestId")
                .add("content", item.content).add("encryptedDataKey", "").add("contentType", item.type)
                .add("md5", item.md5).add("lastModified", item.modifyTime).addNull("tag").add("beta", false)
                .add("success", true).build();
    }

    /** 3.x does not split {@code G@@name}: the service name is taken literally. */
    static ServiceRef literal(Request r) {
        return new ServiceRef(r.param("namespaceId"), r.paramOrBlank("groupName", ServiceRef.DEFAULT_GROUP),
                r.param("serviceName"));
    }

    private Reply checkInstanceParams(Request r) {
        String bad = NamingChecks.check(r, core.json, "clusterName");
        if (bad != null) {
            return core.dialect.filter400(bad, r);
        }
        for (String p : new String[] {"serviceName", "ip", "port"}) {
            if (!r.has(p) || r.param(p).isEmpty()) {
                return replies.missing(p).closing();
            }
        }
        return null;
    }

    private Reply registerOrBeat(Call call) {
        Request r = call.req;
        Reply bad = checkInstanceParams(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = literal(r);
        String ip = r.param("ip");
        int port = Integer.parseInt(r.param("port").trim());
        if (Boolean.parseBoolean(r.param("heartBeat", "false"))) {
            int code = core.instances.lightBeat(ref.namespace, ref.group, ref.name, ip, port);
            return code == InstanceStore.BEAT_OK ? replies.ok("ok")
                    : replies.error(200, 21003, "instance not found", null);
        }
        double weight;
        try {
            weight = Double.parseDouble(r.param("weight", "1"));
        } catch (NumberFormatException e) {
            return replies.error(500, 30000, weightBindingError(r.param("weight")), null).closing();
        }
        Map<String, String> metadata;
        try {
            metadata = core.json.parseMetadata(r.param("metadata"));
        } catch (Json.BadMetadata e) {
            // 3.0.3 swallows the error and answers an empty 200 without registering
            return new Reply(200, new byte[0]);
        }
        if (weight > 10000 || weight < 0) {
            return replies.error(400, 21001, "weight error",
                    "instance format invalid: The weights range from 0.0 to 10000.0");
        }
        InstanceStore.Registered res = core.instances.register(ref.namespace, ref.group, ref.name, ip, port,
                r.paramOrBlank("clusterName", "DEFAULT"), weight, Boolean.parseBoolean(r.param("healthy", "true")),
                Boolean.parseBoolean(r.param("enabled", "true")), Boolean.parseBoolean(r.param("ephemeral", "true")),
                metadata, false);
        Reply conflict = NamingRoutes.conflict(res, ref);
        if (conflict != null) {
            return replies.error(400, 30000, "server error", conflict.bodyText());
        }
        return replies.ok("ok");
    }

    /** Spring's data-binding failure text for a non-numeric weight, as the 3.0.3 controller echoes it. */
    static String weightBindingError(String value) {
        return "Validation failed for argument [0] in public com.alibaba.nacos.api.model.v2.Result<java.lang.String> "
                + "com.alibaba.nacos.naming.controllers.v3.InstanceOpenApiController.register("
                + "com.alibaba.nacos.naming.model.form.InstanceForm,boolean) throws "
                + "com.alibaba.nacos.api.exception.NacosException: [Field error in object 'instanceForm' on field "
                + "'weight': rejected value [" + value + "]; codes [typeMismatch.instanceForm.weight,"
                + "typeMismatch.weight,typeMismatch.java.lang.Double,typeMismatch]; arguments "
                + "[org.springframework.context.support.DefaultMessageSourceResolvable: codes [instanceForm.weight,"
                + "weight]; arguments []; default message [weight]]; default message [Failed to convert property "
                + "value of type 'java.lang.String' to required type 'java.lang.Double' for property 'weight'; For "
                + "input string: \"" + value + "\"]] ";
    }

    private Reply deregister(Call call) {
        Request r = call.req;
        Reply bad = checkInstanceParams(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = literal(r);
        core.instances.deregister(ref.namespace, ref.group, ref.name, r.param("ip"),
                Integer.parseInt(r.param("port").trim()), Boolean.parseBoolean(r.param("ephemeral", "true")));
        return replies.ok("ok");
    }

    private Reply list(Call call) {
        Request r = call.req;
        String bad = NamingChecks.check(r, core.json, "clusterName");
        if (bad != null) {
            return core.dialect.filter400(bad, r);
        }
        if (!r.has("serviceName")) {
            return replies.missing("serviceName").closing();
        }
        ServiceRef ref = literal(r);
        List<Host> hosts = ServiceInfoJson.select(core.instances.listView(ref.namespace, ref.group, ref.name),
                r.paramOrBlank("clusterName", "DEFAULT"), false);
        JsonArrayBuilder a = core.json.arr();
        for (Host h : hosts) {
            a.add(infoJson.host(h, ref.grouped(), true));
        }
        return replies.ok(a.build());
    }

}
