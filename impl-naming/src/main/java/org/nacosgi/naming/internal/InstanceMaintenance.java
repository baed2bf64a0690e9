package org.nacosgi.naming.internal;

import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;

/** Instance update and detail: v1 on 1.x/2.x, the admin API (token required) on 3.x. */
interface InstanceMaintenance {
    NacosRequest modify(Instance instance, String namespace);

    NacosRequest detail(String service, String group, String ip, int port, String cluster, String namespace);

    void readModify(NacosResponse response, String what);

    Instance readDetail(NacosResponse response, String service, String group, String what);
}
