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
 * The instance calls of one API generation (register, deregister, heartbeat, list; update and detail, which
 * 3.x serves only in its admin API): builds the requests and reads the answers. {@code namespace} is "" for the
 * public namespace.
 */
interface InstanceApi {
    NacosRequest register(Instance instance, String namespace);

    NacosRequest deregister(Instance instance, String namespace);

    /** {@code light}: without the instance details (v1 only; v3 beats always carry the identity). */
    NacosRequest beat(Instance instance, String namespace, boolean light, Duration period);

    /** {@code push}: where the server should send UDP pushes (null: none; only v1 can subscribe to them). */
    NacosRequest list(ServiceQuery query, String namespace, InetSocketAddress push);

    NacosRequest modify(Instance instance, String namespace);

    /** {@code instance} names the one wanted (service, group, ip, port, cluster). */
    NacosRequest detail(Instance instance, String namespace);

    /** Accepts a register/deregister/modify answer or throws the matching exception. */
    void readWrite(NacosResponse response, String what);

    BeatResult readBeat(NacosResponse response, Duration period, String what);

    ServiceInfo readList(NacosResponse response, ServiceQuery query, String what);

    Instance readDetail(NacosResponse response, Instance wanted, String what);
}
