package org.nacosgi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.spi.ClientRuntime;

class JsonProvidersTest {
    @Test
    void aServiceWinsAndTheBundleIsNotAsked() {
        JsonProvider service = JsonProvider.provider();
        assertSame(service, JsonProviders.find(service, () -> {
            throw new AssertionError("the bundle lookup must not run");
        }));
    }

    @Test
    void theBundleClassComesNext() {
        JsonProvider p = JsonProviders.find(null, () -> StandInJsonProvider.class);
        assertTrue(p instanceof StandInJsonProvider);
        assertEquals(1, p.createReader(new StringReader("[1]")).readArray().size());
    }

    @Test
    void withoutServiceOrBundleTheServiceLoaderDecides() {
        JsonProvider p = JsonProviders.find(null, () -> null);
        assertEquals("org.eclipse.parsson.JsonProviderImpl", p.getClass().getName());
        assertEquals(p.getClass(), JsonProviders.find().getClass());
    }

    @Test
    void aBrokenBundleClassSaysSo() {
        NacosException e = assertThrows(NacosException.class, () -> JsonProviders.find(null, () -> String.class));
        assertTrue(e.getMessage().contains(JsonProviders.PARSSON_PROVIDER), e.getMessage());
    }

    @Test
    void theRuntimeUsesTheFactorysProvider() {
        StandInJsonProvider mine = new StandInJsonProvider();
        HttpRuntimeFactory factory = new HttpRuntimeFactory(() -> mine);
        try (ClientRuntime rt = factory.create(ClientOptions.builder().serverAddr("h").clientName("json").build())) {
            assertSame(mine, rt.json());
        }
        assertSame(mine, factory.json());
        // plain Java: the service loader's provider (Parsson on the test class path)
        assertEquals(JsonProviders.PARSSON_PROVIDER, new HttpRuntimeFactory().json().getClass().getName());
    }
}
