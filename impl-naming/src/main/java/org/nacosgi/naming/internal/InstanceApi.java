package org.nacosgi.naming.internal;

import java.time.Duration;
import org.nacosgi.api.naming.BeatResult;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;

/**
 * The instance calls every client needs (register, deregister, heartbeat, list) in one API generation: builds the
 * requests and reads the answers. {@code namespace} is "" for the public namespace.
 */
interface InstanceApi {
    NacosRequest register(Instance instance, String namespace);

    NacosRequest deregister(Instance instance, String namespace);

    /** {@code light}: without the instance details (v1 only; v3 beats always carry the identity). */
    NacosRequest beat(Instance instance, String namespace, boolean light, Duration period);

    /** {@code push}: ask the server for UDP pushes to this target (null: no push). */
    NacosRequest list(ServiceQuery query, String namespace, PushTarget push);

    /** Accepts a register/deregister answer or throws the matching exception. */
    void readWrite(NacosResponse response, String what);

    BeatResult readBeat(NacosResponse response, Duration period, String what);

    ServiceInfo readList(NacosResponse response, ServiceQuery query, String what);

    /** Whether a list call can subscribe to UDP pushes. */
    boolean supportsPush();
}
