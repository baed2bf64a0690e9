package org.nacosgi.api.whiteboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Registers the annotated component's service as a Nacos instance while it is up: writes the
 * {@link org.nacosgi.api.naming.InstanceRegistration} properties ({@code nacos.instance.*}).
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RegisterInstance {
    String PREFIX_ = "nacos.instance.";

    /** The Nacos service name ({@code nacos.instance.service}). */
    String service();

    /** The port ({@code nacos.instance.port}). */
    int port();

    /** The IP ({@code nacos.instance.ip}); empty for the host's address. */
    String ip() default "";

    /** The group ({@code nacos.instance.group}). */
    String group() default "DEFAULT_GROUP";

    /** The cluster ({@code nacos.instance.cluster}); empty for the server's default. */
    String cluster() default "";

    /** The weight ({@code nacos.instance.weight}). */
    double weight() default 1.0;

    /** Metadata as {@code k=v} entries ({@code nacos.instance.metadata}). */
    String[] metadata() default {};
}
