package org.nacosgi.naming.internal;

import jakarta.json.JsonObject;
import org.nacosgi.api.MalformedResponseException;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;

/**
 * Instance update and detail on 3.x: {@code /v3/admin/ns/instance}. The admin API wants a token even when the
 * server's auth is off, so it is only used with a username configured (the transport logs in and adds it).
 */
final class AdminInstanceApi implements InstanceMaintenance {
    static final String INSTANCE = "/v3/admin/ns/instance";

    private final NamingJson json;

    AdminInstanceApi(NamingJson json) {
        this.json = json;
    }

    @Override
    public NacosRequest modify(Instance i, String namespace) {
        String metadata = json.metadataJson(i.metadata());
        NamingArguments.checkMetadataJsonLength(metadata);
        return NacosRequest.put(INSTANCE)
                .form("serviceName", i.serviceName()).form("groupName", i.groupName())
                .form("ip", i.ip()).form("port", i.port()).form("clusterName", i.clusterName())
                .form("weight", i.weight()).form("enabled", i.enabled()).form("metadata", metadata)
                .form("ephemeral", i.ephemeral()).form("namespaceId", V1InstanceApi.blankToNull(namespace))
                .build();
    }

    @Override
    public NacosRequest detail(String service, String group, String ip, int port, String cluster, String namespace) {
        return NacosRequest.get(INSTANCE)
                .query("serviceName", service).query("groupName", group)
                .query("ip", ip).query("port", port).query("clusterName", cluster)
                .query("namespaceId", V1InstanceApi.blankToNull(namespace)).build();
    }

    @Override
    public void readModify(NacosResponse r, String what) {
        V3Envelope.read(r, json, what).requireOk(r, what);
    }

    @Override
    public Instance readDetail(NacosResponse r, String service, String group, String what) {
        V3Envelope e = V3Envelope.read(r, json, what).requireOk(r, what);
        if (!(e.data() instanceof JsonObject)) {
            throw new MalformedResponseException(what + ": 'data' is not an object: " + NamingJson.shorten(r.body()));
        }
        return json.instance((JsonObject) e.data(), service, group, what);
    }
}
