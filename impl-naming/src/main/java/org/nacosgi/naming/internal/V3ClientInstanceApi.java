package org.nacosgi.naming.internal;

import jakarta.json.JsonArray;
import java.time.Duration;
import org.nacosgi.api.MalformedResponseException;
import org.nacosgi.api.naming.BeatResult;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;

/**
 * The 3.x client API ({@code /v3/client/ns/instance[/list]}), the only one 3.2+ serves. Differences that matter
 * (captured on 3.0.3): the service name is not split at "@@", so it goes ungrouped with {@code groupName}; a
 * heartbeat is a POST with {@code heartBeat=true} that answers code 21003 for an unknown instance (it does not
 * register it); the list is a bare array, {@code clusterName} defaults to DEFAULT and {@code healthyOnly} is
 * ignored (the caller filters).
 */
final class V3ClientInstanceApi implements InstanceApi {
    static final String INSTANCE = "/v3/client/ns/instance";
    static final String LIST = "/v3/client/ns/instance/list";

    private final NamingJson json;

    V3ClientInstanceApi(NamingJson json) {
        this.json = json;
    }

    @Override
    public NacosRequest register(Instance i, String namespace) {
        String metadata = json.metadataJson(i.metadata());
        NamingArguments.checkMetadataJsonLength(metadata);
        return identity(NacosRequest.post(INSTANCE), i, namespace)
                .form("weight", i.weight()).form("enabled", i.enabled()).form("healthy", i.healthy())
                .form("ephemeral", i.ephemeral()).form("metadata", metadata).build();
    }

    @Override
    public NacosRequest deregister(Instance i, String namespace) {
        return NacosRequest.delete(INSTANCE)
                .query("serviceName", i.serviceName()).query("groupName", i.groupName())
                .query("ip", i.ip()).query("port", i.port()).query("clusterName", i.clusterName())
                .query("ephemeral", i.ephemeral()).query("namespaceId", V1InstanceApi.blankToNull(namespace))
                .sign(NacosRequest.Signing.NAMING, V1InstanceApi.grouped(i)).build();
    }

    @Override
    public NacosRequest beat(Instance i, String namespace, boolean light, Duration period) {
        return identity(NacosRequest.post(INSTANCE), i, namespace)
                .form("ephemeral", i.ephemeral()).form("heartBeat", true).build();
    }

    @Override
    public NacosRequest list(ServiceQuery q, String namespace, PushTarget push) {
        return NacosRequest.get(LIST)
                .query("serviceName", q.serviceName()).query("groupName", q.groupName())
                .query("clusterName", q.clusters().isEmpty() ? null : String.join(",", q.clusters()))
                .query("healthyOnly", q.healthyOnly())
                .query("namespaceId", V1InstanceApi.blankToNull(namespace))
                .sign(NacosRequest.Signing.NAMING, q.groupName() + "@@" + q.serviceName()).build();
    }

    @Override
    public void readWrite(NacosResponse r, String what) {
        V3Envelope.read(r, json, what).requireOk(r, what);
    }

    @Override
    public BeatResult readBeat(NacosResponse r, Duration period, String what) {
        V3Envelope e = V3Envelope.read(r, json, what);
        if (e.code() == V3Envelope.CODE_INSTANCE_NOT_FOUND) {
            return new BeatResult(BeatResult.CODE_RESOURCE_NOT_FOUND, period, false);
        }
        e.requireOk(r, what);
        // the v3 heartbeat recommends no interval: keep the current one
        return new BeatResult(BeatResult.CODE_OK, period, false);
    }

    @Override
    public ServiceInfo readList(NacosResponse r, ServiceQuery q, String what) {
        V3Envelope e = V3Envelope.read(r, json, what).requireOk(r, what);
        if (!(e.data() instanceof JsonArray)) {
            throw new MalformedResponseException(what + ": 'data' is not an array: " + NamingJson.shorten(r.body()));
        }
        return json.serviceInfoFromArray((JsonArray) e.data(), q.serviceName(), q.groupName(),
                String.join(",", q.clusters()), what);
    }

    @Override
    public boolean supportsPush() {
        return false;
    }

    private static NacosRequest.Builder identity(NacosRequest.Builder b, Instance i, String namespace) {
        return b.form("serviceName", i.serviceName()).form("groupName", i.groupName())
                .form("ip", i.ip()).form("port", i.port()).form("clusterName", i.clusterName())
                .form("namespaceId", V1InstanceApi.blankToNull(namespace))
                .sign(NacosRequest.Signing.NAMING, V1InstanceApi.grouped(i));
    }
}
