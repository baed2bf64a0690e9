package org.nacosgi.cmbridge.internal;

import java.util.Objects;
import java.util.Optional;
import org.nacosgi.api.InvalidArgumentException;

/**
 * A ConfigAdmin configuration: a singleton PID, or a named factory configuration ({@code factoryPid~name}, the PID
 * ConfigAdmin 1.6 gives {@code getFactoryConfiguration(factoryPid, name, location)}). Immutable.
 */
public final class ConfigurationId {
    /** The separator ConfigAdmin 1.6 puts between factory PID and name. */
    public static final char FACTORY_SEPARATOR = '~';

    private final String factoryPid;
    private final String name;
    private final String pid;

    private ConfigurationId(String factoryPid, String name, String pid) {
        this.factoryPid = factoryPid;
        this.name = name;
        this.pid = pid;
    }

    public static ConfigurationId singleton(String pid) {
        return new ConfigurationId(null, null, checked("pid", pid));
    }

    public static ConfigurationId factory(String factoryPid, String name) {
        checked("factoryPid", factoryPid);
        checked("name", name);
        return new ConfigurationId(factoryPid, name, factoryPid + FACTORY_SEPARATOR + name);
    }

    /**
     * {@code pid} or {@code factoryPid~name}.
     *
     * @param option what the text came from, named in the exception
     */
    public static ConfigurationId parse(String option, String text) {
        String t = text == null ? "" : text.trim();
        int tilde = t.indexOf(FACTORY_SEPARATOR);
        try {
            if (tilde < 0) {
                return singleton(t);
            }
            return factory(t.substring(0, tilde), t.substring(tilde + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(option, e.getMessage() + " in \"" + text + "\"");
        }
    }

    private static String checked(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // '~' separates factory PID and name; '=' separates data id and target in mappings
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == FACTORY_SEPARATOR || c == '='
                    || c == '/') {
                throw new IllegalArgumentException(what + " must not contain '" + c + "'");
            }
        }
        return value;
    }

    /** The configuration's PID ({@code factoryPid~name} for a factory configuration). */
    public String pid() {
        return pid;
    }

    /** The factory PID, for a factory configuration. */
    public Optional<String> factoryPid() {
        return Optional.ofNullable(factoryPid);
    }

    /** The name within the factory, for a factory configuration. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public boolean isFactory() {
        return factoryPid != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigurationId && pid.equals(((ConfigurationId) o).pid)
                && Objects.equals(factoryPid, ((ConfigurationId) o).factoryPid);
    }

    @Override
    public int hashCode() {
        return pid.hashCode();
    }

    @Override
    public String toString() {
        return pid;
    }
}
