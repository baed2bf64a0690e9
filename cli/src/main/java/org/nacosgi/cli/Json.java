package org.nacosgi.cli;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.nacosgi.api.config.ConfigChangeEvent;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingEvent;
import org.nacosgi.api.naming.ServiceInfo;

/** The JSON the commands print: one compact object per line, written with JSON-P. */
final class Json {
    private final JsonProvider json;

    Json(JsonProvider json) {
        this.json = json;
    }

    static Json create() {
        return new Json(JsonProvider.provider());
    }

    String configEvent(ConfigChangeEvent e) {
        JsonObjectBuilder b = json.createObjectBuilder()
                .add("type", e.type().name())
                .add("dataId", e.dataId())
                .add("group", e.group())
                .add("namespace", e.namespace())
                .add("md5", e.md5());
        e.configType().ifPresent(t -> b.add("configType", t));
        e.content().ifPresent(c -> b.add("content", c));
        return write(b.build());
    }

    String instance(Instance i) {
        return write(instanceObject(i).build());
    }

    String serviceInfo(ServiceInfo info) {
        return write(json.createObjectBuilder()
                .add("service", info.serviceName())
                .add("group", info.groupName())
                .add("clusters", info.clusters())
                .add("hosts", instances(info.hosts()))
                .build());
    }

    String namingEvent(NamingEvent e) {
        return write(json.createObjectBuilder()
                .add("service", e.serviceName())
                .add("group", e.groupName())
                .add("added", instances(e.added()))
                .add("removed", instances(e.removed()))
                .add("modified", instances(e.modified()))
                .add("instances", instances(e.instances()))
                .build());
    }

    private JsonArrayBuilder instances(List<Instance> list) {
        JsonArrayBuilder a = json.createArrayBuilder();
        list.forEach(i -> a.add(instanceObject(i)));
        return a;
    }

    private JsonObjectBuilder instanceObject(Instance i) {
        JsonObjectBuilder metadata = json.createObjectBuilder();
        for (Map.Entry<String, String> m : i.metadata().entrySet()) {
            metadata.add(m.getKey(), m.getValue());
        }
        JsonObjectBuilder b = json.createObjectBuilder();
        i.instanceId().ifPresent(id -> b.add("instanceId", id));
        return b.add("service", i.serviceName())
                .add("group", i.groupName())
                .add("ip", i.ip())
                .add("port", i.port())
                .add("cluster", i.clusterName())
                .add("weight", i.weight())
                .add("healthy", i.healthy())
                .add("enabled", i.enabled())
                .add("ephemeral", i.ephemeral())
                .add("metadata", metadata);
    }

    private String write(JsonObject o) {
        StringWriter w = new StringWriter();
        try (var writer = json.createWriter(w)) {
            writer.writeObject(o);
        }
        return w.toString();
    }
}
