package org.nacosgi.cmbridge.internal;

import java.util.Locale;
import java.util.Optional;

/** How an item's content becomes configuration properties. */
public enum ContentFormat {
    /** Java properties ({@link java.util.Properties#load(java.io.Reader)}): every value a String. */
    PROPERTIES(".properties", "properties"),
    /** One configuration's properties as a JSON object, typed values as the OSGi Configurator's JSON. */
    JSON(".json", "json");

    private final String extension;
    private final String nacosType;

    ContentFormat(String extension, String nacosType) {
        this.extension = extension;
        this.nacosType = nacosType;
    }

    /** The data id's extension, {@code .properties} or {@code .json}. */
    public String extension() {
        return extension;
    }

    /** The format a data id's extension names. */
    public static Optional<ContentFormat> ofDataId(String dataId) {
        for (ContentFormat f : values()) {
            if (dataId.endsWith(f.extension) && dataId.length() > f.extension.length()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format a Nacos config type names ({@code properties}, {@code json}); none for text, yaml, ... */
    public static Optional<ContentFormat> ofType(String type) {
        if (type == null) {
            return Optional.empty();
        }
        String t = type.trim().toLowerCase(Locale.ROOT);
        for (ContentFormat f : values()) {
            if (f.nacosType.equals(t)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
