package org.nacosgi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.nacosgi.transport.internal.TestServer.reply;

import org.junit.jupiter.api.Test;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.NacosRequest;

class RequestSignerTest {
    private final RequestSigner signer = new RequestSigner("AK", "SK", () -> 1795823701036L);

    @Test
    void configVectorFromTheIssue() {
        assertEquals("VY44uQHI8gd8LhmYjJ9ujnbd3dc=", signer.signature("ns1+g1+1795823701036"));
    }

    @Test
    void namingVectorFromTheIssue() {
        assertEquals("uYs7igbRrBgxNhHKPmlYeX13TBY=", signer.signature("1795823701040@@DEFAULT_GROUP@@svc"));
    }

    @Test
    void configSigningAddsSpasHeadersOverTenantGroupAndTimestamp() {
        OutgoingRequest out = signer.sign(OutgoingRequest.of(NacosRequest.get("/v1/cs/configs")
                .sign(NacosRequest.Signing.CONFIG, "ns1+g1").build()));
        assertEquals("AK", out.header("Spas-AccessKey"));
        assertEquals("1795823701036", out.header("Timestamp"));
        assertEquals("VY44uQHI8gd8LhmYjJ9ujnbd3dc=", out.header("Spas-Signature"));
    }

    @Test
    void configSigningOfAnEmptyResourceSignsTheTimestampOnly() {
        OutgoingRequest out = signer.sign(OutgoingRequest.of(NacosRequest.get("/v1/cs/configs")
                .sign(NacosRequest.Signing.CONFIG, "").build()));
        assertEquals(signer.signature("1795823701036"), out.header("Spas-Signature"));
    }

    @Test
    void namingSigningAddsAkDataSignatureParameters() {
        RequestSigner naming = new RequestSigner("AK", "SK", () -> 1795823701040L);
        OutgoingRequest out = naming.sign(OutgoingRequest.of(NacosRequest.post("/v1/ns/instance")
                .sign(NacosRequest.Signing.NAMING, "DEFAULT_GROUP@@svc").build()));
        assertEquals("AK", out.parameter("ak"));
        assertEquals("1795823701040@@DEFAULT_GROUP@@svc", out.parameter("data"));
        assertEquals("uYs7igbRrBgxNhHKPmlYeX13TBY=", out.parameter("signature"));
        OutgoingRequest bare = naming.sign(OutgoingRequest.of(NacosRequest.get("/v1/ns/instance/list")
                .sign(NacosRequest.Signing.NAMING, "").build()));
        assertEquals("1795823701040", bare.parameter("data"));
    }

    @Test
    void unsignedRequestsAreLeftAlone() {
        OutgoingRequest out = signer.sign(OutgoingRequest.of(NacosRequest.get("/v1/cs/configs").build()));
        assertNull(out.header("Spas-Signature"));
        assertNull(out.parameter("signature"));
    }

    @Test
    void theTransportSignsOnTheWire() {
        try (TestServer s = TestServer.start().fallback(r -> reply(200, "ok"));
                ClientRuntime rt = new HttpRuntimeFactory().create(ClientOptions.builder().serverAddr(s.address())
                        .accessKey("AK").secretKey("SK").clientName("sign").build())) {
            rt.transport().send(NacosRequest.get("/v1/cs/configs").sign(NacosRequest.Signing.CONFIG, "ns1+g1").build());
            rt.transport().send(NacosRequest.post("/v1/ns/instance").form("ip", "1.2.3.4")
                    .sign(NacosRequest.Signing.NAMING, "DEFAULT_GROUP@@svc").build());
            TestServer.Recorded config = s.requests("/nacos/v1/cs/configs").get(0);
            String ts = config.header("Timestamp");
            assertEquals("AK", config.header("Spas-AccessKey"));
            assertEquals(signer.signature("ns1+g1+" + ts), config.header("Spas-Signature"));
            TestServer.Recorded naming = s.requests("/nacos/v1/ns/instance").get(0);
            String data = naming.query().get("data");
            assertEquals("AK", naming.query().get("ak"));
            assertEquals(signer.signature(data), naming.query().get("signature"));
            assertEquals("DEFAULT_GROUP@@svc", data.substring(data.indexOf("@@") + 2));
            assertEquals("1.2.3.4", naming.form().get("ip"));
        }
    }
}
