package org.nacosgi.api.whiteboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Watches a config item with the annotated {@link org.nacosgi.api.config.ConfigListener} component: writes
 * {@code nacos.data.id}, {@code nacos.group} and, when set, {@code nacos.client}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WatchConfig {
    String PREFIX_ = "nacos.";

    /** The data id ({@code nacos.data.id}). */
    String data_id();

    /** The group ({@code nacos.group}). */
    String group() default "DEFAULT_GROUP";
}
