package org.nacosgi.naming.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceQuery;

/**
 * Local checks of every naming argument, so that nothing the server would refuse is sent. The rules are the
 * server's (Nacos ParamCheckRules and instance validation) made a little stricter where the server accepts garbage
 * only to fail later (control characters, blank names).
 */
final class NamingArguments {
    static final int MAX_SERVICE_NAME_LENGTH = 512;
    static final int MAX_GROUP_LENGTH = 128;
    static final int MAX_CLUSTER_LENGTH = 64;
    static final int MAX_IP_LENGTH = 128;
    static final int MAX_NAMESPACE_LENGTH = 128;
    /** The server refuses longer metadata JSON with HTTP 400. */
    static final int MAX_METADATA_JSON_LENGTH = 1024;

    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.:-]*");

    private NamingArguments() {
    }

    static void checkInstance(Instance instance) {
        checkIdentity(instance);
        checkWeight(instance.weight());
        checkMetadata(instance.metadata());
    }

    /** What names an instance: enough to deregister it or ask for its details. */
    static void checkIdentity(Instance instance) {
        requireNonNull("instance", instance);
        checkServiceName(instance.serviceName());
        checkGroup(instance.groupName());
        checkIp(instance.ip());
        checkPort(instance.port());
        checkCluster("clusterName", instance.clusterName());
    }

    static void checkServiceName(String serviceName) {
        if (serviceName == null || serviceName.isBlank()) {
            throw new InvalidArgumentException("serviceName", "must not be empty");
        }
        if (serviceName.length() > MAX_SERVICE_NAME_LENGTH) {
            throw new InvalidArgumentException("serviceName",
                    "at most " + MAX_SERVICE_NAME_LENGTH + " characters, was " + serviceName.length());
        }
        if (serviceName.contains("@@") || serviceName.startsWith("@")) {
            throw new InvalidArgumentException("serviceName",
                    "must not start with '@' or hold '@@' after the group prefix: '" + serviceName + "'");
        }
        for (int i = 0; i < serviceName.length(); i++) {
            char c = serviceName.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || (c >= '\u4E00' && c <= '\u9FA5')) {
                throw new InvalidArgumentException("serviceName",
                        "illegal character at index " + i + " in '" + printable(serviceName) + "'");
            }
        }
    }

    static void checkGroup(String group) {
        if (group == null || group.isEmpty()) {
            throw new InvalidArgumentException("groupName", "must not be empty");
        }
        if (group.length() > MAX_GROUP_LENGTH || !GROUP.matcher(group).matches()) {
            throw new InvalidArgumentException("groupName",
                    "1 to " + MAX_GROUP_LENGTH + " letters, digits or _-.: expected, was '" + printable(group) + "'");
        }
    }

    static void checkCluster(String argument, String cluster) {
        if (cluster == null || cluster.isEmpty()) {
            throw new InvalidArgumentException(argument, "must not be empty");
        }
        if (cluster.length() > MAX_CLUSTER_LENGTH || !CLUSTER.matcher(cluster).matches()) {
            throw new InvalidArgumentException(argument, "1 to " + MAX_CLUSTER_LENGTH
                    + " letters, digits, '_' or '-' expected, was '" + printable(cluster) + "'");
        }
    }

    static void checkIp(String ip) {
        if (ip == null || ip.isBlank()) {
            throw new InvalidArgumentException("ip", "must not be empty");
        }
        if (ip.length() > MAX_IP_LENGTH) {
            throw new InvalidArgumentException("ip", "at most " + MAX_IP_LENGTH + " characters, was " + ip.length());
        }
        for (int i = 0; i < ip.length(); i++) {
            char c = ip.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || c == '#' || c == ','
                    || (c >= '\u4E00' && c <= '\u9FA5')) {
                throw new InvalidArgumentException("ip", "illegal character at index " + i + " in '" + printable(ip) + "'");
            }
        }
    }

    /** The server accepts port 0 (captured), so do we. */
    static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new InvalidArgumentException("port", "must be between 0 and 65535, was " + port);
        }
    }

    static void checkWeight(double weight) {
        if (Double.isNaN(weight) || Double.isInfinite(weight)) {
            throw new InvalidArgumentException("weight", "must be a finite number, was " + weight);
        }
        if (weight < 0 || weight > Instance.MAX_WEIGHT) {
            throw new InvalidArgumentException("weight",
                    "must be between 0 and " + (long) Instance.MAX_WEIGHT + ", was " + weight);
        }
    }

    static void checkMetadata(Map<String, String> metadata) {
        if (metadata == null) {
            throw new InvalidArgumentException("metadata", "must not be null");
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new InvalidArgumentException("metadata", "keys must be non-empty text");
            }
            if (e.getValue() == null) {
                throw new InvalidArgumentException("metadata", "the value of key '" + e.getKey() + "' is null");
            }
        }
    }

    /** Called with the JSON form, which is what the server measures. */
    static void checkMetadataJsonLength(String json) {
        if (json.length() > MAX_METADATA_JSON_LENGTH) {
            throw new InvalidArgumentException("metadata", "its JSON form has " + json.length()
                    + " characters; the server accepts at most " + MAX_METADATA_JSON_LENGTH);
        }
    }

    static void checkQuery(ServiceQuery query) {
        if (query == null) {
            throw new InvalidArgumentException("query", "must not be null");
        }
        checkServiceName(query.serviceName());
        checkGroup(query.groupName());
        List<String> clusters = query.clusters();
        for (String c : clusters) {
            checkCluster("clusters", c);
        }
        query.namespaceId().ifPresent(NamingArguments::checkNamespace);
    }

    static void checkNamespace(String namespace) {
        if (namespace.length() > MAX_NAMESPACE_LENGTH || !NAMESPACE.matcher(namespace).matches()) {
            throw new InvalidArgumentException("namespaceId",
                    "only letters, digits and _-.: are allowed, at most " + MAX_NAMESPACE_LENGTH
                            + " characters, was '" + printable(namespace) + "'");
        }
    }

    /** Null means "follow the server's cacheMillis". */
    static void checkInterval(String argument, Duration interval) {
        if (interval != null && (interval.isZero() || interval.isNegative())) {
            throw new InvalidArgumentException(argument, "must be > 0, was " + interval);
        }
    }

    static void checkHeartbeatInterval(Duration interval) {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new InvalidArgumentException("heartbeatInterval", "must be > 0, was " + interval);
        }
    }

    static <T> T requireNonNull(String argument, T value) {
        if (value == null) {
            throw new InvalidArgumentException(argument, "must not be null");
        }
        return value;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 100; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.length() > 100 ? b + "..." : b.toString();
    }
}
