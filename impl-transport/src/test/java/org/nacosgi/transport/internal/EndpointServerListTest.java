package org.nacosgi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nacosgi.transport.internal.TestServer.reply;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.NacosRequest;

class EndpointServerListTest {
    @Test
    void fetchesServersFromTheAddressServerWithNamespaceAndContextPath() {
        try (TestServer nacos = TestServer.start().fallback(r -> reply(200, "from nacos"));
                TestServer endpoint = TestServer.start()) {
            endpoint.route("GET", "/ctx/cluster-a", r -> reply(200, nacos.address() + "\n\n# comment\n"));
            ClientOptions options = ClientOptions.builder().endpoint("127.0.0.1").endpointPort(endpoint.port())
                    .endpointClusterName("cluster-a").contextPath("/ctx").namespace("ns-1").clientName("ep").build();
            try (ClientRuntime rt = new HttpRuntimeFactory().create(options)) {
                assertEquals(List.of("http://" + nacos.address() + "/ctx"), rt.transport().servers());
                assertEquals("from nacos", rt.transport().send(NacosRequest.get("/v1/cs/configs").build()).body());
                TestServer.Recorded fetch = endpoint.requests().get(0);
                assertEquals("namespace=ns-1", fetch.rawQuery);
                assertEquals("/ctx/v1/cs/configs", nacos.requests().get(0).path);
            }
        }
    }

    @Test
    void refreshKeepsTheLastListOnFailureAndTakesNewLists() {
        try (TestServer endpoint = TestServer.start()) {
            AtomicReference<TestServer.Reply> answer = new AtomicReference<>(reply(200, "10.0.0.1:8848\n10.0.0.2"));
            endpoint.route("GET", "/nacos/serverlist", r -> answer.get());
            ClientOptions options = ClientOptions.builder().endpoint("127.0.0.1").endpointPort(endpoint.port())
                    .clientName("ep2").build();
            try (HttpClientRuntime rt = (HttpClientRuntime) new HttpRuntimeFactory().create(options)) {
                EndpointServerList list = (EndpointServerList) rt.serverListForTest();
                assertEquals(2, list.servers().size());
                answer.set(reply(500, "down"));
                int before = endpoint.requests().size();
                list.refresh();
                assertTrue(Timing.await(Duration.ofSeconds(5), () -> endpoint.requests().size() > before));
                assertEquals(2, list.servers().size(), "kept");
                answer.set(reply(200, "10.0.0.3:9000\nnot a host/x\n"));
                list.refresh();
                assertTrue(Timing.await(Duration.ofSeconds(5), () -> list.servers().size() == 1));
                assertEquals("http://10.0.0.3:9000/nacos", list.servers().get(0).baseUrl());
            }
        }
    }

    @Test
    void noListAtAllIsServerUnavailableNamingTheEndpoint() {
        try (TestServer endpoint = TestServer.start().fallback(r -> reply(404, "no"))) {
            ClientOptions options = ClientOptions.builder().endpoint("127.0.0.1").endpointPort(endpoint.port())
                    .defaultTimeout(Duration.ofSeconds(2)).clientName("ep3").build();
            try (ClientRuntime rt = new HttpRuntimeFactory().create(options)) {
                ServerUnavailableException e = assertThrows(ServerUnavailableException.class,
                        () -> rt.transport().send(NacosRequest.get("/v1/cs/configs").build()));
                assertEquals(List.of("http://127.0.0.1:" + endpoint.port() + "/nacos/serverlist"), e.serversTried());
                assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
            }
        }
    }

    @Test
    void refreshesPeriodicallyOnTheSchedulerWithoutBlockingIt() throws Exception {
        try (TestServer endpoint = TestServer.start().fallback(r -> reply(200, "10.0.0.9"))) {
            ClientOptions options = ClientOptions.builder().endpoint("127.0.0.1").endpointPort(endpoint.port())
                    .clientName("ep4").build();
            java.util.concurrent.ExecutorService http = java.util.concurrent.Executors.newCachedThreadPool();
            java.util.concurrent.ScheduledExecutorService scheduler =
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try {
                java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().executor(http).build();
                EndpointServerList list = new EndpointServerList(options, () -> client, http,
                        System.getLogger(EndpointServerListTest.class.getName()));
                list.start(scheduler, Duration.ofMillis(50));
                assertTrue(Timing.await(Duration.ofSeconds(5), () -> endpoint.requests().size() >= 3),
                        "fetches: " + endpoint.requests().size());
                assertEquals("http://10.0.0.9:8848/nacos", list.servers().get(0).baseUrl());
                list.close();
                int after = endpoint.requests().size();
                // the single scheduler thread is free: a task queued now runs at once
                assertTrue(scheduler.submit(() -> true).get(5, java.util.concurrent.TimeUnit.SECONDS));
                assertTrue(endpoint.requests().size() <= after + 1, "no refresh after close");
            } finally {
                scheduler.shutdownNow();
                http.shutdownNow();
            }
        }
    }
}
