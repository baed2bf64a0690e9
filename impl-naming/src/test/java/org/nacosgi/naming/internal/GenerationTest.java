package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.OperationNotSupportedException;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosRequest.Method;
import org.nacosgi.api.spi.ServerGeneration;

/** API generations, with the 410 answers captured from 3.0.3. */
class GenerationTest {
    @TempDir
    Path dir;
    FakeTransport transport = new FakeTransport();
    FakeRuntime runtime;

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private HttpNamingService naming(ClientOptions.Builder options) {
        runtime = new FakeRuntime(options.serverAddr("127.0.0.1:8848").namingCacheDir(dir).pushEnabled(false).build(),
                transport);
        HttpNamingService n = new HttpNamingService(runtime);
        runtime.onClose(transport);
        runtime.onClose(n);
        return n;
    }

    private static String gone() {
        return Captures.responseBody("3.0.3", "naming-v1.json", "modify");
    }

    @Test
    void modifyOn3xWithoutCredentialsSaysWhatIsMissing() {
        transport.generation = ServerGeneration.V3_WITH_V1_CLIENT;
        HttpNamingService naming = naming(ClientOptions.builder());
        OperationNotSupportedException e = assertThrows(OperationNotSupportedException.class,
                () -> naming.modifyNamingInstance(Instance.builder("svc", "10.0.0.1", 80).build()));
        assertTrue(e.getMessage().contains("/v3/admin/ns/instance") && e.getMessage().contains("username"), e.getMessage());
        assertTrue(transport.requests.isEmpty(), "nothing sent that cannot work");
    }

    @Test
    void modifyFallsBackToTheAdminApiAfterA410() {
        transport.generation = ServerGeneration.V2; // stale: the server was upgraded
        transport.generationAfterChange = ServerGeneration.V3_WITH_V1_CLIENT;
        transport.handler = r -> r.path().equals(V1InstanceApi.INSTANCE) ? FakeTransport.response(410, gone())
                : FakeTransport.ok("{\"code\":0,\"message\":\"success\",\"data\":\"ok\"}");
        HttpNamingService naming = naming(ClientOptions.builder().username("nacos").password("pw"));
        naming.modifyNamingInstance(Instance.builder("G@@svc", "10.0.0.1", 80).weight(5).build());
        NacosRequest admin = transport.requests.get(1);
        assertEquals(Method.PUT, admin.method());
        assertEquals(V3InstanceApi.ADMIN_INSTANCE, admin.path());
        assertEquals("svc", admin.form().get("serviceName"));
        assertEquals("G", admin.form().get("groupName"));
        assertEquals("5.0", admin.form().get("weight"));
        assertEquals(1, transport.generationChanges);
    }

    @Test
    void detailOn3xWithoutCredentialsIsDerivedFromTheList() {
        transport.generation = ServerGeneration.V3_WITH_V1_CLIENT;
        transport.handler = r -> FakeTransport.ok(Captures.responseBody("3.0.3", "naming-v1.json", "list"));
        HttpNamingService naming = naming(ClientOptions.builder());
        String svc = "cap-svc-00454845n";
        Instance i = naming.getNamingInstance(svc, "127.0.0.1", 18080, "c1", "CAP_GROUP");
        assertEquals(2.5, i.weight());
        assertEquals(V1InstanceApi.LIST, transport.requests.get(0).path());
        assertEquals("c1", transport.requests.get(0).query().get("clusters"));
        assertThrows(NotFoundException.class, () -> naming.getNamingInstance(svc, "127.0.0.1", 1, "c1", "CAP_GROUP"));
    }

    @Test
    void detailOn2xReadsTheV1Detail() {
        transport.handler = r -> r.query().get("port").equals("18080")
                ? FakeTransport.ok(Captures.responseBody("2.5.1", "naming-v1.json", "detail"))
                : FakeTransport.response(404, "no matched ip found!");
        HttpNamingService naming = naming(ClientOptions.builder());
        Instance i = naming.getNamingInstance("cap-svc-001002xwv", "127.0.0.1", 18080, "c1", "CAP_GROUP");
        assertEquals("c1", i.clusterName());
        assertEquals("CAP_GROUP", i.groupName());
        assertEquals("c1", transport.requests.get(0).query().get("clusterName"), "the parameter is clusterName");
        assertThrows(NotFoundException.class,
                () -> naming.getNamingInstance("cap-svc-001002xwv", "127.0.0.1", 1, "c1", "CAP_GROUP"));
    }

    @Test
    void listOn32UsesTheV3ClientApiAndFiltersHealthOnTheClient() {
        transport.generation = ServerGeneration.V3_ONLY;
        transport.handler = r -> FakeTransport.ok(
                Captures.responseBody("3.0.3", "client-v3.json", "list-healthyOnly-true-with-unhealthy"));
        HttpNamingService naming = naming(ClientOptions.builder());
        ServiceQuery q = ServiceQuery.builder("cap-v3svc-00454845n").groupName("CAP_GROUP").clusters("c1")
                .healthyOnly(true).build();
        ServiceInfo info = naming.listNamingInstance(q);
        assertTrue(info.hosts().stream().allMatch(Instance::healthy), "healthyOnly is ignored by 3.x: filtered here");
        assertTrue(info.hosts().size() >= 1);
        NacosRequest r = transport.requests.get(0);
        assertEquals(V3InstanceApi.LIST, r.path());
        assertEquals("c1", r.query().get("clusterName"));
        assertEquals("cap-v3svc-00454845n", r.query().get("serviceName"));
    }

    @Test
    void aV1CallAnswered410MovesToTheV3ClientApi() {
        transport.generation = ServerGeneration.V3_WITH_V1_CLIENT;
        transport.generationAfterChange = ServerGeneration.V3_ONLY;
        transport.handler = r -> r.path().startsWith("/v1") ? FakeTransport.response(410, gone())
                : FakeTransport.ok("{\"code\":0,\"message\":\"success\",\"data\":[]}");
        HttpNamingService naming = naming(ClientOptions.builder());
        assertEquals(List.of(), naming.listNamingInstance(ServiceQuery.of("svc")).hosts());
        assertEquals(List.of(V1InstanceApi.LIST, V3InstanceApi.LIST),
                List.of(transport.requests.get(0).path(), transport.requests.get(1).path()));
    }

    @Test
    void anAsyncPollAnswered410ReprobesOffTheHttpThreadAndMovesOn() throws Exception {
        transport.generation = ServerGeneration.V3_WITH_V1_CLIENT;
        transport.generationAfterChange = ServerGeneration.V3_ONLY;
        transport.handler = r -> r.path().startsWith("/v1") ? FakeTransport.response(410, gone())
                : FakeTransport.ok(Captures.responseBody("3.0.3", "client-v3.json", "list"));
        HttpNamingService naming = naming(ClientOptions.builder());
        SubscriptionTest.Recorder r = new SubscriptionTest.Recorder();
        naming.subscribe(r, ServiceQuery.builder("cap-v3svc-00454845n").groupName("CAP_GROUP").clusters("c1").build(),
                java.time.Duration.ofMinutes(1));
        assertEquals(1, r.next().added().size());
        assertEquals(1, transport.generationChanges);
        assertEquals(List.of(V1InstanceApi.LIST, V3InstanceApi.LIST),
                List.of(transport.requests.get(0).path(), transport.requests.get(1).path()));
    }
}
