package org.nacosgi.transport.internal;

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
import java.io.Writer;
import java.util.Map;

/** A provider class with a public no-argument constructor, as Parsson's, delegating to the real one. */
public final class StandInJsonProvider extends JsonProvider {
    private final JsonProvider real = JsonProvider.provider();

    public StandInJsonProvider() {
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
