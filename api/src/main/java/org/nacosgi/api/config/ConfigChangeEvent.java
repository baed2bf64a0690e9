package org.nacosgi.api.config;

import java.util.Objects;
import java.util.Optional;

/** A change of a watched config item: its new content, or its deletion. Immutable. */
public final class ConfigChangeEvent {
    /** What happened to the item. */
    public enum Type {
        /** Created or updated, or the current content delivered to a new listener. */
        CHANGED,
        /** Deleted on the server. */
        DELETED
    }

    private final Type type;
    private final String dataId;
    private final String group;
    private final String namespace;
    private final String content;
    private final String md5;
    private final String configType;
    private final String previousContent;

    public ConfigChangeEvent(Type type, String dataId, String group, String namespace, String content, String md5,
            String configType, String previousContent) {
        this.type = Objects.requireNonNull(type, "type");
        this.dataId = Objects.requireNonNull(dataId, "dataId");
        this.group = Objects.requireNonNull(group, "group");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        if (type == Type.CHANGED && content == null) {
            throw new IllegalArgumentException("content: a CHANGED event needs content");
        }
        this.content = type == Type.DELETED ? null : content;
        this.md5 = md5 == null ? "" : md5;
        this.configType = configType;
        this.previousContent = previousContent;
    }

    public Type type() { return type; }
    public String dataId() { return dataId; }
    public String group() { return group; }
    public String namespace() { return namespace; }
    /** The new content; empty for {@link Type#DELETED}. */
    public Optional<String> content() { return Optional.ofNullable(content); }
    /** Lowercase hex md5 of the new content; "" when deleted. */
    public String md5() { return md5; }
    /** The server's config type ({@code text}, {@code properties}, {@code json}, ...), if known. */
    public Optional<String> configType() { return Optional.ofNullable(configType); }
    /** The content this listener saw before, if any. */
    public Optional<String> previousContent() { return Optional.ofNullable(previousContent); }

    @Override
    public String toString() {
        return "ConfigChangeEvent{" + type + " " + dataId + "/" + group + "/" + namespace + " md5=" + md5 + "}";
    }
}
