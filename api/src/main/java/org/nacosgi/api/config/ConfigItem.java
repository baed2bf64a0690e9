package org.nacosgi.api.config;

import java.util.Objects;

/** The content of a config item and where it came from. Immutable. */
public final class ConfigItem {
    /** Where the content was read. */
    public enum Source {
        /** An operator's local failover file; the server was not asked. */
        FAILOVER,
        /** A server. */
        SERVER,
        /** The local snapshot of the last server answer; no server answered. */
        SNAPSHOT
    }

    private final String dataId;
    private final String group;
    private final String namespace;
    private final String content;
    private final String md5;
    private final String type;
    private final Source source;

    public ConfigItem(String dataId, String group, String namespace, String content, String md5, String type,
            Source source) {
        this.dataId = Objects.requireNonNull(dataId, "dataId");
        this.group = Objects.requireNonNull(group, "group");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.content = Objects.requireNonNull(content, "content");
        this.md5 = Objects.requireNonNull(md5, "md5");
        this.type = type == null || type.isEmpty() ? "text" : type;
        this.source = Objects.requireNonNull(source, "source");
    }

    public String dataId() { return dataId; }
    public String group() { return group; }
    public String namespace() { return namespace; }
    public String content() { return content; }
    /** Lowercase hex md5 of the UTF-8 content. */
    public String md5() { return md5; }
    /** The config type; {@code text} when unknown. */
    public String type() { return type; }
    public Source source() { return source; }

    @Override
    public String toString() {
        return "ConfigItem{" + dataId + "/" + group + "/" + namespace + " md5=" + md5 + " type=" + type
                + " source=" + source + "}";
    }
}
