package org.nacosgi.naming.internal;

import static org.nacosgi.naming.internal.V1InstanceApi.grouped;
import static org.nacosgi.naming.internal.V1InstanceApi.identity;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.nacosgi.api.MalformedResponseException;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.ServerErrorException;
import org.nacosgi.api.naming.BeatResult;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;

/**
 * The 3.x APIs: the client API ({@code /v3/client/ns/instance[/list]}), the only one 3.2+ serves, and for update
 * and detail the admin API ({@code /v3/admin/ns/instance}), which wants a token even when the server's auth is off,
 * so it is only used with a username configured (the transport logs in and adds it). Differences that matter
 * (captured on 3.0.3): the service name is not split at "@@", so it goes ungrouped with {@code groupName}; a
 * heartbeat is a POST with {@code heartBeat=true} that answers code 21003 for an unknown instance (it does not
 * register it); the list is a bare array, {@code clusterName} defaults to DEFAULT and {@code healthyOnly} is
 * ignored (the caller filters). Answers come in the envelope {@code {"code":0,"message":"success","data":...}}.
 */
final class V3InstanceApi implements InstanceApi {
    static final String INSTANCE = "/v3/client/ns/instance";
    static final String LIST = "/v3/client/ns/instance/list";
    static final String ADMIN_INSTANCE = "/v3/admin/ns/instance";
    static final int CODE_RESOURCE_NOT_FOUND = 20004;
    /** A heartbeat for an instance the server does not know (3.x): register again. */
    static final int CODE_INSTANCE_NOT_FOUND = 21003;

    private final NamingJson json;

    V3InstanceApi(NamingJson json) {
        this.json = json;
    }

    @Override
    public NacosRequest register(Instance i, String namespace) {
        return state(signed(NacosRequest.post(INSTANCE), true, i, namespace), i).form("healthy", i.healthy()).build();
    }

    @Override
    public NacosRequest deregister(Instance i, String namespace) {
        return signed(NacosRequest.delete(INSTANCE), false, i, namespace).query("ephemeral", i.ephemeral()).build();
    }

    @Override
    public NacosRequest beat(Instance i, String namespace, boolean light, Duration period) {
        return signed(NacosRequest.post(INSTANCE), true, i, namespace)
                .form("ephemeral", i.ephemeral()).form("heartBeat", true).build();
    }

    /** No UDP push here: {@code push} is ignored. */
    @Override
    public NacosRequest list(ServiceQuery q, String namespace, InetSocketAddress push) {
        return NacosRequest.get(LIST)
                .query("serviceName", q.serviceName()).query("groupName", q.groupName())
                .query("clusterName", q.clusters().isEmpty() ? null : String.join(",", q.clusters()))
                .query("healthyOnly", q.healthyOnly())
                .query("namespaceId", V1InstanceApi.namespaceParam(namespace))
                .sign(NacosRequest.Signing.NAMING, grouped(q.groupName(), q.serviceName())).build();
    }

    @Override
    public NacosRequest modify(Instance i, String namespace) {
        return state(identity(NacosRequest.put(ADMIN_INSTANCE), true, i.serviceName(), i, namespace), i).build();
    }

    @Override
    public NacosRequest detail(Instance i, String namespace) {
        return identity(NacosRequest.get(ADMIN_INSTANCE), false, i.serviceName(), i, namespace).build();
    }

    @Override
    public void readWrite(NacosResponse r, String what) {
        data(r, envelope(r, what), what);
    }

    @Override
    public BeatResult readBeat(NacosResponse r, Duration period, String what) {
        JsonObject e = envelope(r, what);
        if (NamingJson.longValue(e, "code", -1) == CODE_INSTANCE_NOT_FOUND) {
            return new BeatResult(BeatResult.CODE_RESOURCE_NOT_FOUND, period, false);
        }
        data(r, e, what);
        // the v3 heartbeat recommends no interval: keep the current one
        return new BeatResult(BeatResult.CODE_OK, period, false);
    }

    @Override
    public ServiceInfo readList(NacosResponse r, ServiceQuery q, String what) {
        JsonValue data = data(r, envelope(r, what), what);
        if (!(data instanceof JsonArray)) {
            throw new MalformedResponseException(what + ": 'data' is not an array: " + NamingJson.shorten(r.body()));
        }
        return json.serviceInfoFromArray((JsonArray) data, q.serviceName(), q.groupName(),
                String.join(",", q.clusters()), what);
    }

    @Override
    public Instance readDetail(NacosResponse r, Instance wanted, String what) {
        JsonValue data = data(r, envelope(r, what), what);
        if (!(data instanceof JsonObject)) {
            throw new MalformedResponseException(what + ": 'data' is not an object: " + NamingJson.shorten(r.body()));
        }
        return json.instance((JsonObject) data, wanted.serviceName(), wanted.groupName(), what);
    }

    /** Register and modify: the instance's state in the form. */
    private NacosRequest.Builder state(NacosRequest.Builder b, Instance i) {
        String metadata = json.metadataJson(i.metadata());
        NamingArguments.checkMetadataJsonLength(metadata);
        return b.form("weight", i.weight()).form("enabled", i.enabled()).form("ephemeral", i.ephemeral())
                .form("metadata", metadata);
    }

    private static NacosRequest.Builder signed(NacosRequest.Builder b, boolean inForm, Instance i, String namespace) {
        return identity(b, inForm, i.serviceName(), i, namespace)
                .sign(NacosRequest.Signing.NAMING, grouped(i.groupName(), i.serviceName()));
    }

    /** The envelope of any answer with a JSON body; HTTP errors without one become exceptions. */
    private JsonObject envelope(NacosResponse r, String what) {
        RuntimeException malformed;
        if (r.body().isBlank()) {
            // captured: 3.0.3 answers 200 with an empty body when it swallowed an error (bad metadata)
            malformed = new MalformedResponseException(what + ": the server answered HTTP " + r.status()
                    + " with an empty body instead of a result");
        } else {
            try {
                JsonObject o = json.parseObject(r.body(), what);
                if (o.containsKey("code")) {
                    return o;
                }
                malformed = new MalformedResponseException(what + ": no 'code' in " + NamingJson.shorten(r.body()));
            } catch (MalformedResponseException e) {
                malformed = e;
            }
        }
        throw r.isSuccess() ? malformed : r.toException(what);
    }

    /** The data of an envelope with code 0; 404/20004 as not found, everything else as a server error. */
    private static JsonValue data(NacosResponse r, JsonObject envelope, String what) {
        long code = NamingJson.longValue(envelope, "code", -1);
        JsonValue data = envelope.getOrDefault("data", JsonValue.NULL);
        if (code == 0 && r.isSuccess()) {
            return data;
        }
        String detail = what + ": code " + code + " " + envelope.getString("message", "")
                + (data.getValueType() == JsonValue.ValueType.STRING ? " (" + NamingJson.shorten(data.toString()) + ")" : "");
        if (r.status() == 404 || code == CODE_RESOURCE_NOT_FOUND) {
            throw new NotFoundException(detail);
        }
        if (!r.isSuccess() && r.status() != 400 && r.status() != 500) {
            throw r.toException(what);
        }
        throw new ServerErrorException(r.status(), detail);
    }
}
