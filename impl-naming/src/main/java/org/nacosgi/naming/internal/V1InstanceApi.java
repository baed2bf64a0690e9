package org.nacosgi.naming.internal;

import java.time.Duration;
import org.nacosgi.api.naming.BeatResult;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;

/**
 * The v1 naming API ({@code /v1/ns/instance...}): served by 1.x, 2.x and, for the client calls, 3.0/3.1.
 * Service names travel grouped ({@code group@@service}) with {@code groupName} beside them.
 */
final class V1InstanceApi implements InstanceApi, InstanceMaintenance {
    static final String INSTANCE = "/v1/ns/instance";
    static final String BEAT = "/v1/ns/instance/beat";
    static final String LIST = "/v1/ns/instance/list";

    private final NamingJson json;

    V1InstanceApi(NamingJson json) {
        this.json = json;
    }

    @Override
    public NacosRequest register(Instance i, String namespace) {
        String metadata = json.metadataJson(i.metadata());
        NamingArguments.checkMetadataJsonLength(metadata);
        return NacosRequest.post(INSTANCE)
                .form("serviceName", grouped(i)).form("groupName", i.groupName())
                .form("ip", i.ip()).form("port", i.port()).form("clusterName", i.clusterName())
                .form("weight", i.weight())
                // 1.x servers read "enable" when "enabled" is missing; both are harmless elsewhere
                .form("enabled", i.enabled()).form("enable", i.enabled())
                .form("healthy", i.healthy()).form("ephemeral", i.ephemeral())
                .form("metadata", metadata).form("namespaceId", blankToNull(namespace))
                .sign(NacosRequest.Signing.NAMING, grouped(i)).build();
    }

    @Override
    public NacosRequest deregister(Instance i, String namespace) {
        return NacosRequest.delete(INSTANCE)
                .query("serviceName", grouped(i)).query("groupName", i.groupName())
                .query("ip", i.ip()).query("port", i.port()).query("clusterName", i.clusterName())
                .query("ephemeral", i.ephemeral()).query("namespaceId", blankToNull(namespace))
                .sign(NacosRequest.Signing.NAMING, grouped(i)).build();
    }

    @Override
    public NacosRequest beat(Instance i, String namespace, boolean light, Duration period) {
        NacosRequest.Builder b = NacosRequest.put(BEAT)
                .query("serviceName", grouped(i)).query("groupName", i.groupName())
                .query("ip", i.ip()).query("port", i.port()).query("clusterName", i.clusterName())
                .query("namespaceId", blankToNull(namespace))
                .sign(NacosRequest.Signing.NAMING, grouped(i));
        if (!light) {
            b.form("beat", json.beatBody(i, period));
        }
        return b.build();
    }

    @Override
    public NacosRequest list(ServiceQuery q, String namespace, PushTarget push) {
        String grouped = q.groupName() + "@@" + q.serviceName();
        NacosRequest.Builder b = NacosRequest.get(LIST)
                .query("serviceName", grouped).query("groupName", q.groupName())
                .query("clusters", String.join(",", q.clusters()))
                .query("healthyOnly", q.healthyOnly())
                .query("namespaceId", blankToNull(namespace))
                .sign(NacosRequest.Signing.NAMING, grouped);
        if (push != null) {
            b.query("udpPort", push.udpPort()).query("clientIP", push.clientIp());
        }
        return b.build();
    }

    @Override
    public void readWrite(NacosResponse r, String what) {
        if (!r.isSuccess()) {
            throw r.toException(what);
        }
    }

    @Override
    public BeatResult readBeat(NacosResponse r, Duration period, String what) {
        if (!r.isSuccess()) {
            throw r.toException(what);
        }
        return json.beatResult(r.body(), period, what);
    }

    @Override
    public ServiceInfo readList(NacosResponse r, ServiceQuery q, String what) {
        if (!r.isSuccess()) {
            throw r.toException(what);
        }
        return json.serviceInfo(json.parseObject(r.body(), what), q.groupName(), what);
    }

    @Override
    public boolean supportsPush() {
        return true;
    }

    @Override
    public NacosRequest modify(Instance i, String namespace) {
        String metadata = json.metadataJson(i.metadata());
        NamingArguments.checkMetadataJsonLength(metadata);
        return NacosRequest.put(INSTANCE)
                .form("serviceName", grouped(i)).form("groupName", i.groupName())
                .form("ip", i.ip()).form("port", i.port()).form("clusterName", i.clusterName())
                .form("weight", i.weight()).form("enabled", i.enabled()).form("enable", i.enabled())
                .form("metadata", metadata).form("ephemeral", i.ephemeral())
                .form("namespaceId", blankToNull(namespace))
                .sign(NacosRequest.Signing.NAMING, grouped(i)).build();
    }

    @Override
    public NacosRequest detail(String service, String group, String ip, int port, String cluster, String namespace) {
        String grouped = group + "@@" + service;
        // the parameter is clusterName; "cluster" is ignored by the server (captured: 404)
        return NacosRequest.get(INSTANCE)
                .query("serviceName", grouped).query("groupName", group)
                .query("ip", ip).query("port", port).query("clusterName", cluster)
                .query("namespaceId", blankToNull(namespace))
                .sign(NacosRequest.Signing.NAMING, grouped).build();
    }

    @Override
    public void readModify(NacosResponse r, String what) {
        readWrite(r, what);
    }

    @Override
    public Instance readDetail(NacosResponse r, String service, String group, String what) {
        if (!r.isSuccess()) {
            throw r.toException(what);
        }
        return json.instance(json.parseObject(r.body(), what), service, group, what);
    }

    static String grouped(Instance i) {
        return i.groupName() + "@@" + i.serviceName();
    }

    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
