package org.nacosgi.naming.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.nacosgi.api.naming.ServiceQuery;

/**
 * Where naming files live under {@code namingCacheDir} (documented in README-files.md):
 * <pre>
 * {root}/cache/{namespace}/{group}@@{service}[@@{clusters}][@@healthy].json   written by the client
 * {root}/failover/switch                                                      operator: "on" enables failover
 * {root}/failover/{namespace}/{group}@@{service}.json                         operator-provided lists
 * </pre>
 * Every name is escaped ({@code %XX} for anything but letters, digits, '_', '-' and '.'; "." and ".." fully),
 * so no name can leave its directory. The public namespace ("") is the directory {@code public}.
 */
final class NamingFileLayout {
    static final String CACHE_DIR = "cache";
    static final String FAILOVER_DIR = "failover";
    static final String SWITCH_FILE = "switch";
    static final String SUFFIX = ".json";

    private final Path root;

    NamingFileLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path cacheFile(ServiceQuery q, String namespace) {
        StringBuilder name = new StringBuilder(escape(q.groupName())).append("@@").append(escape(q.serviceName()));
        if (!q.clusters().isEmpty()) {
            name.append("@@").append(escape(String.join(",", q.clusters())));
        }
        if (q.healthyOnly()) {
            name.append("@@healthy");
        }
        return root.resolve(CACHE_DIR).resolve(namespaceDir(namespace)).resolve(name + SUFFIX);
    }

    Path failoverSwitch() {
        return root.resolve(FAILOVER_DIR).resolve(SWITCH_FILE);
    }

    Path failoverFile(String group, String service, String namespace) {
        return root.resolve(FAILOVER_DIR).resolve(namespaceDir(namespace))
                .resolve(escape(group) + "@@" + escape(service) + SUFFIX);
    }

    private static String namespaceDir(String namespace) {
        return namespace == null || namespace.isEmpty() ? "public" : escape(namespace);
    }

    static String escape(String name) {
        if (name.equals(".") || name.equals("..")) {
            return name.replace(".", "%2E");
        }
        StringBuilder b = new StringBuilder(name.length());
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    || c == '.') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
