package org.nacosgi.naming.internal;

import java.net.InetSocketAddress;
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
final class V1InstanceApi implements InstanceApi {
    static final String INSTANCE = "/v1/ns/instance";
    static final String BEAT = "/v1/ns/instance/beat";
    static final String LIST = "/v1/ns/instance/list";

    private final NamingJson json;

    V1InstanceApi(NamingJson json) {
        this.json = json;
    }

    @Override
    public NacosRequest register(Instance i, String namespace) {
        return write(NacosRequest.post(INSTANCE), i, namespace).form("healthy", i.healthy()).build();
    }

    @Override
    public NacosRequest deregister(Instance i, String namespace) {
        return signed(NacosRequest.delete(INSTANCE), false, i, namespace).query("ephemeral", i.ephemeral()).build();
    }

    @Override
    public NacosRequest beat(Instance i, String namespace, boolean light, Duration period) {
        return signed(NacosRequest.put(BEAT), false, i, namespace)
                .form("beat", light ? null : json.beatBody(i, period)).build();
    }

    @Override
    public NacosRequest list(ServiceQuery q, String namespace, InetSocketAddress push) {
        String grouped = grouped(q.groupName(), q.serviceName());
        return NacosRequest.get(LIST)
                .query("serviceName", grouped).query("groupName", q.groupName())
                .query("clusters", String.join(",", q.clusters()))
                .query("healthyOnly", q.healthyOnly())
                .query("namespaceId", namespaceParam(namespace))
                .query("udpPort", push == null ? null : push.getPort())
                .query("clientIP", push == null ? null : push.getHostString())
                .sign(NacosRequest.Signing.NAMING, grouped).build();
    }

    @Override
    public NacosRequest modify(Instance i, String namespace) {
        return write(NacosRequest.put(INSTANCE), i, namespace).build();
    }

    @Override
    public NacosRequest detail(Instance i, String namespace) {
        // the parameter is clusterName; "cluster" is ignored by the server (captured: 404)
        return signed(NacosRequest.get(INSTANCE), false, i, namespace).build();
    }

    @Override
    public void readWrite(NacosResponse r, String what) {
        body(r, what);
    }

    @Override
    public BeatResult readBeat(NacosResponse r, Duration period, String what) {
        return json.beatResult(body(r, what), period, what);
    }

    @Override
    public ServiceInfo readList(NacosResponse r, ServiceQuery q, String what) {
        return json.serviceInfo(json.parseObject(body(r, what), what), q.groupName(), what);
    }

    @Override
    public Instance readDetail(NacosResponse r, Instance wanted, String what) {
        return json.instance(json.parseObject(body(r, what), what), wanted.serviceName(), wanted.groupName(), what);
    }

    /** Register and modify: the instance's state in the form. */
    private NacosRequest.Builder write(NacosRequest.Builder b, Instance i, String namespace) {
        String metadata = json.metadataJson(i.metadata());
        NamingArguments.checkMetadataJsonLength(metadata);
        return signed(b, true, i, namespace).form("weight", i.weight())
                // 1.x servers read "enable" when "enabled" is missing; both are harmless elsewhere
                .form("enabled", i.enabled()).form("enable", i.enabled())
                .form("ephemeral", i.ephemeral()).form("metadata", metadata);
    }

    private static NacosRequest.Builder signed(NacosRequest.Builder b, boolean inForm, Instance i, String namespace) {
        String grouped = grouped(i.groupName(), i.serviceName());
        return identity(b, inForm, grouped, i, namespace).sign(NacosRequest.Signing.NAMING, grouped);
    }

    /** The body of a successful answer; any other answer as its exception. */
    private static String body(NacosResponse r, String what) {
        if (!r.isSuccess()) {
            throw r.toException(what);
        }
        return r.body();
    }

    /** For both generations: the parameters naming an instance, {@code service} spelt as the API wants it, in the form or the query. */
    static NacosRequest.Builder identity(NacosRequest.Builder b, boolean inForm, String service, Instance i,
            String namespace) {
        Object[] p = {"serviceName", service, "groupName", i.groupName(), "ip", i.ip(), "port", i.port(),
            "clusterName", i.clusterName(), "namespaceId", namespaceParam(namespace)};
        for (int k = 0; k < p.length; k += 2) {
            if (inForm) {
                b.form((String) p[k], p[k + 1]);
            } else {
                b.query((String) p[k], p[k + 1]);
            }
        }
        return b;
    }

    static String grouped(String group, String service) {
        return group + "@@" + service;
    }

    /** The public namespace is sent as no namespaceId at all. */
    static String namespaceParam(String namespace) {
        return namespace == null || namespace.isEmpty() ? null : namespace;
    }
}
