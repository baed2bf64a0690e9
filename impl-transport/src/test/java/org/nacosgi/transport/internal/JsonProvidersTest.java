package org.nacosgi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.util.Map;
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
        JsonProvider p = JsonProviders.find(null, () -> StandInProvider.class);
        assertTrue(p instanceof StandInProvider);
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
        StandInProvider mine = new StandInProvider();
        try (ClientRuntime rt = new HttpRuntimeFactory(() -> mine)
                .create(ClientOptions.builder().serverAddr("h").clientName("json").build())) {
            assertSame(mine, rt.json());
        }
    }

    /** A provider class with a public no-argument constructor, as Parsson's, delegating to the real one. */
    public static final class StandInProvider extends JsonProvider {
        private final JsonProvider real = JsonProvider.provider();

        public StandInProvider() {
        }

        @Override public JsonParser createParser(Reader reader) { return real.createParser(reader); }
        @Override public JsonParser createParser(InputStream in) { return real.createParser(in); }
        @Override public JsonParserFactory createParserFactory(Map<String, ?> config) { return real.createParserFactory(config); }
        @Override public JsonGenerator createGenerator(Writer writer) { return real.createGenerator(writer); }
        @Override public JsonGenerator createGenerator(OutputStream out) { return real.createGenerator(out); }
        @Override public JsonGeneratorFactory createGeneratorFactory(Map<String, ?> config) { return real.createGeneratorFactory(config); }
        @Override public JsonReader createReader(Reader reader) { return real.createReader(reader); }
        @Override public JsonReader createReader(InputStream in) { return real.createReader(in); }
        @Override public JsonWriter createWriter(Writer writer) { return real.createWriter(writer); }
        @Override public JsonWriter createWriter(OutputStream out) { return real.createWriter(out); }
        @Override public JsonWriterFactory createWriterFactory(Map<String, ?> config) { return real.createWriterFactory(config); }
        @Override public JsonReaderFactory createReaderFactory(Map<String, ?> config) { return real.createReaderFactory(config); }
        @Override public JsonObjectBuilder createObjectBuilder() { return real.createObjectBuilder(); }
        @Override public JsonArrayBuilder createArrayBuilder() { return real.createArrayBuilder(); }
        @Override public JsonBuilderFactory createBuilderFactory(Map<String, ?> config) { return real.createBuilderFactory(config); }
    }
}
