package org.nacosgi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nacosgi.transport.internal.TestServer.reply;

import org.junit.jupiter.api.Test;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.ServerGeneration;

class GenerationProbeTest {
    private static ClientRuntime runtime(TestServer s) {
        return new HttpRuntimeFactory().create(ClientOptions.builder().serverAddr(s.address()).clientName("gen").build());
    }

    /** 3.0.3 as captured: liveness 200 code 0, v1 metrics 200. */
    private static TestServer v3WithV1(TestServer s) {
        return s.route("GET", "/nacos/v3/admin/core/state/liveness",
                        r -> Captures.response("3.0.3", "probe-v3", "v3-admin-core-state-liveness"))
                .route("GET", "/nacos/v1/ns/operator/metrics",
                        r -> Captures.response("3.0.3", "probe-v3", "v1-ns-operator-metrics"));
    }

    @Test
    void v3ServingTheV1ClientCalls() {
        try (TestServer s = v3WithV1(TestServer.start()); ClientRuntime rt = runtime(s)) {
            assertEquals(ServerGeneration.V3_WITH_V1_CLIENT, rt.transport().generation());
        }
    }

    @Test
    void v3WithoutV1IsV3Only() {
        try (TestServer s = TestServer.start(); ClientRuntime rt = runtime(s)) {
            s.route("GET", "/nacos/v3/admin/core/state/liveness",
                    r -> Captures.response("3.0.3", "probe-v3", "v3-admin-core-state-liveness"))
                    .route("GET", "/nacos/v1/ns/operator/metrics",
                            r -> Captures.response("3.0.3", "probe-v3", "v2-ns-operator-metrics")); // a 410
            assertEquals(ServerGeneration.V3_ONLY, rt.transport().generation());
        }
    }

    @Test
    void v2AnswersTheParameterlessV2ConfigGetWith400() {
        try (TestServer s = TestServer.start(); ClientRuntime rt = runtime(s)) {
            // 2.5.1: unknown paths 404 (as the liveness path), v2 config without dataId 400
            s.route("GET", "/nacos/v3/admin/core/state/liveness", r -> Captures.response("2.5.1", "errors", "unknown-path"))
                    .route("GET", "/nacos/v2/cs/config", r -> Captures.response("2.5.1", "config-v2", "get-missing-dataId"));
            assertEquals(ServerGeneration.V2, rt.transport().generation());
        }
    }

    @Test
    void v2WithAuthOnAnswers403AndIsStillV2() {
        try (TestServer s = TestServer.start(); ClientRuntime rt = runtime(s)) {
            s.route("GET", "/nacos/v2/cs/config", r -> Captures.response("2.5.1", "auth", "v2-get-config-no-token"));
            assertEquals(ServerGeneration.V2, rt.transport().generation());
        }
    }

    @Test
    void v1ServersAnswer404ToBothProbes() {
        try (TestServer s = TestServer.start(); ClientRuntime rt = runtime(s)) {
            s.fallback(r -> Captures.response("2.5.1", "errors", "unknown-path"));
            assertEquals(ServerGeneration.V1, rt.transport().generation());
        }
    }

    @Test
    void probedOnceAndAgainAfterGenerationChanged() {
        try (TestServer s = TestServer.start(); ClientRuntime rt = runtime(s)) {
            s.fallback(r -> reply(404, "{}"));
            assertEquals(ServerGeneration.V1, rt.transport().generation());
            int probes = s.requests().size();
            assertEquals(ServerGeneration.V1, rt.transport().generation());
            assertEquals(probes, s.requests().size(), "cached");
            // the server was upgraded to 3.x
            v3WithV1(s);
            assertEquals(ServerGeneration.V1, rt.transport().generation());
            rt.transport().generationChanged();
            assertEquals(ServerGeneration.V3_WITH_V1_CLIENT, rt.transport().generation());
        }
    }

    @Test
    void aFailedProbeIsNotCached() {
        try (TestServer s = TestServer.start(); ClientRuntime rt = runtime(s)) {
            s.fallback(r -> reply(503, "starting"));
            assertThrows(ServerUnavailableException.class, () -> rt.transport().generation());
            s.fallback(r -> reply(404, "{}"));
            assertEquals(ServerGeneration.V1, rt.transport().generation());
        }
    }

    @Test
    void probesNothingBeforeTheFirstCall() {
        try (TestServer s = TestServer.start(); ClientRuntime rt = runtime(s)) {
            rt.transport().servers();
            assertEquals(0, s.requests().size());
        }
    }
}
