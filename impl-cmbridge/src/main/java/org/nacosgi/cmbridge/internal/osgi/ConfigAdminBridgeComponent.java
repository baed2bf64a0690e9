package org.nacosgi.cmbridge.internal.osgi;

import java.util.Map;
import org.nacosgi.api.config.ConfigService;
import org.nacosgi.api.spi.RuntimeFactory;
import org.nacosgi.cmbridge.internal.BridgeSettings;
import org.nacosgi.cmbridge.internal.ConfigAdminBridge;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One bridge per factory configuration of {@value #PID}: the config service it reads is chosen with
 * {@code client.target} (e.g. {@code (nacos.client=prod)}); a change of the other options is applied in place
 * ({@code @Modified}), so items still bridged are not touched.
 */
@Component(name = ConfigAdminBridgeComponent.PID, configurationPid = ConfigAdminBridgeComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ConfigAdminBridgeComponent.Config.class, factory = true)
public final class ConfigAdminBridgeComponent {
    public static final String PID = "org.nacosgi.cmbridge";

    private static final System.Logger LOG = System.getLogger("org.nacosgi.cmbridge");

    @ObjectClassDefinition(name = "nacosgi ConfigAdmin bridge",
            description = "Nacos config items of one namespace and group as ConfigAdmin configurations")
    @interface Config {
        @AttributeDefinition(description = "Data ids to bridge: <pid>.properties, <pid>.json,"
                + " <factoryPid>~<name>.properties|json", required = false)
        String[] dataIds() default {};

        @AttributeDefinition(description = "The group of the items and of the index")
        String group() default ConfigService.DEFAULT_GROUP;

        @AttributeDefinition(description = "Data id of an item listing further data ids, one per line; empty: none")
        String index() default BridgeSettings.DEFAULT_INDEX;

        @AttributeDefinition(description = "Explicit mappings dataId=pid or dataId=factoryPid~name",
                required = false)
        String[] mappings() default {};

        @AttributeDefinition(name = "client.target", description = "Filter choosing the config service, e.g."
                + " (nacos.client=prod); default: any", required = false)
        String client_target();
    }

    private final ConfigAdminBridge bridge;

    /**
     * JSON items are parsed with the transport's JSON-P provider ({@link RuntimeFactory#json()}: a JsonProvider
     * service, else Parsson's bundle), asked only when a JSON item is read.
     */
    @Activate
    public ConfigAdminBridgeComponent(Map<String, Object> properties,
            @Reference(name = "client", service = ConfigService.class) Map.Entry<Map<String, Object>, ConfigService> client,
            @Reference(name = "configurationAdmin") ConfigurationAdmin admin,
            @Reference(name = "runtimeFactory") RuntimeFactory runtimeFactory) {
        BridgeSettings settings = BridgeSettings.fromMap(properties);
        Object namespace = client.getKey().get(ConfigService.NAMESPACE);
        bridge = new ConfigAdminBridge(client.getValue(), namespace == null ? "" : namespace.toString(),
                new ConfigurationAdminPort(admin), runtimeFactory::json, LOG);
        bridge.start(settings);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        bridge.update(BridgeSettings.fromMap(properties));
    }

    @Deactivate
    void deactivate() {
        bridge.close();
    }
}
