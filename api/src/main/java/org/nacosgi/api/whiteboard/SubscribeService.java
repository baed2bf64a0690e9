package org.nacosgi.api.whiteboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Subscribes the annotated {@link org.nacosgi.api.naming.NamingListener} component to a service: writes
 * {@code nacos.service.name}, {@code nacos.group} and {@code nacos.clusters}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SubscribeService {
    String PREFIX_ = "nacos.";

    /** The service name ({@code nacos.service.name}). */
    String service_name();

    /** The group ({@code nacos.group}). */
    String group() default "DEFAULT_GROUP";

    /** The clusters ({@code nacos.clusters}); empty for all. */
    String[] clusters() default {};
}
