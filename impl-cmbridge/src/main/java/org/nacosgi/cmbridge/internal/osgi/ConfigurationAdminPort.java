package org.nacosgi.cmbridge.internal.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nacosgi.cmbridge.internal.ConfigurationId;
import org.nacosgi.cmbridge.internal.ConfigurationPort;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The bridge's {@link ConfigurationPort} on the real ConfigurationAdmin. Reads list configurations (so a read never
 * creates an empty one); writes use location {@code "?"} so a component in any bundle may take them, and
 * {@code updateIfDifferent} as a second guard against needless updates.
 */
final class ConfigurationAdminPort implements ConfigurationPort {
    private static final String ANY_LOCATION = "?";

    private final ConfigurationAdmin admin;

    ConfigurationAdminPort(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Optional<Map<String, Object>> properties(ConfigurationId id) {
        return find(id).map(Configuration::getProperties).map(ConfigurationAdminPort::toMap);
    }

    @Override
    public void update(ConfigurationId id, Map<String, Object> properties) {
        try {
            Configuration c = id.isFactory()
                    ? admin.getFactoryConfiguration(id.factoryPid().orElseThrow(), id.name().orElseThrow(), ANY_LOCATION)
                    : admin.getConfiguration(id.pid(), ANY_LOCATION);
            c.updateIfDifferent(new Hashtable<>(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("ConfigAdmin cannot update " + id, e);
        }
    }

    @Override
    public void delete(ConfigurationId id) {
        Optional<Configuration> c = find(id);
        if (c.isPresent()) {
            try {
                c.get().delete();
            } catch (IOException e) {
                throw new UncheckedIOException("ConfigAdmin cannot delete " + id, e);
            } catch (IllegalStateException e) {
                // deleted meanwhile: what we wanted
            }
        }
    }

    private Optional<Configuration> find(ConfigurationId id) {
        try {
            Configuration[] found = admin.listConfigurations("(" + Constants.SERVICE_PID + "=" + escape(id.pid())
                    + ")");
            return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("ConfigAdmin cannot list " + id, e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("PID " + id + " in a filter: " + e.getMessage(), e);
        }
    }

    private static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static Map<String, Object> toMap(Dictionary<String, Object> d) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Enumeration<String> keys = d.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            m.put(k, d.get(k));
        }
        return Collections.unmodifiableMap(m);
    }
}
