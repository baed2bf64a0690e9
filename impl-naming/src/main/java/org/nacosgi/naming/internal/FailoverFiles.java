package org.nacosgi.naming.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.naming.ServiceInfo;

/**
 * Operator-provided service lists: while {@code failover/switch} says "on" (or "true", "1"), a service with a file
 * under {@code failover/{namespace}/} is served from that file and the server is not asked; other services go to
 * the server as usual. Files are read on every use, so an operator's edit takes effect at the next list or poll.
 */
final class FailoverFiles {
    private final Path root;
    private final NamingJson json;
    private final Logger log;
    private final Set<Path> warned = ConcurrentHashMap.newKeySet();

    /** {@code root}: as for {@link ServiceCacheFiles}, whose names these files share. */
    FailoverFiles(Path root, NamingJson json, Logger log) {
        this.root = root;
        this.json = json;
        this.log = log;
    }

    boolean switchedOn() {
        try {
            String s = Files.readString(root.resolve("failover").resolve("switch"), StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT);
            return s.equals("on") || s.equals("true") || s.equals("1");
        } catch (IOException e) {
            return false; // no switch file (or none readable): failover is off
        }
    }

    /** The operator's list for a service, when failover is on and one exists. */
    Optional<ServiceInfo> read(String group, String service, String namespace) {
        if (!switchedOn()) {
            return Optional.empty();
        }
        Path file = root.resolve("failover").resolve(ServiceCacheFiles.namespaceDir(namespace))
                .resolve(ServiceCacheFiles.escape(group) + "@@" + ServiceCacheFiles.escape(service) + ".json");
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            ServiceInfo info = json.serviceInfo(json.parseObject(text, "failover file " + file), group,
                    "failover file " + file);
            warned.remove(file);
            return Optional.of(info);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NacosException e) {
            if (warned.add(file)) {
                log.log(Level.WARNING, "ignoring the unreadable failover file " + file + ": " + e.getMessage());
            }
            return Optional.empty();
        }
    }
}
