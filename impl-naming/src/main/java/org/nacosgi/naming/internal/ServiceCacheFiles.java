package org.nacosgi.naming.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;

/**
 * The client's copy of the last list of every service it listed, read only when no server answers. Files are
 * written atomically (temporary file, then rename) with owner-only permissions, and only when the hosts changed.
 * Where naming files live under {@code namingCacheDir} (documented in README-files.md):
 * <pre>
 * {root}/cache/{namespace}/{group}@@{service}[@@{clusters}][@@healthy].json   written here
 * {root}/failover/switch                                                      operator: "on" enables failover
 * {root}/failover/{namespace}/{group}@@{service}.json                         operator-provided lists
 * </pre>
 * Every name is escaped ({@code %XX} for anything but letters, digits, '_', '-' and '.'; "." and ".." fully),
 * so no name can leave its directory. The public namespace ("") is the directory {@code public}.
 */
final class ServiceCacheFiles {
    private final Path root;
    private final NamingJson json;
    private final Logger log;
    private final boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    /** The hosts last written per file, so an unchanged list costs no disk write. */
    private final Map<Path, List<Instance>> written = new ConcurrentHashMap<>();
    private final Set<Path> warned = ConcurrentHashMap.newKeySet();

    ServiceCacheFiles(Path root, NamingJson json, Logger log) {
        this.root = root;
        this.json = json;
        this.log = log;
    }

    void write(ServiceQuery query, String namespace, ServiceInfo info) {
        Path file = file(query, namespace);
        if (info.hosts().equals(written.get(file))) {
            return;
        }
        try {
            writeAtomically(file, json.serviceInfoJson(info));
            written.put(file, info.hosts());
            warned.remove(file);
        } catch (IOException | RuntimeException e) {
            if (warned.add(file)) {
                log.log(Level.WARNING, "cannot write the naming cache file " + file + ": " + e);
            }
        }
    }

    Optional<ServiceInfo> read(ServiceQuery query, String namespace) {
        Path file = file(query, namespace);
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            Path real = insideRoot(file.toRealPath(), file);
            if (!Files.isRegularFile(real)) {
                throw new IOException(file + " is not a regular file");
            }
            String text = Files.readString(real, StandardCharsets.UTF_8);
            return Optional.of(json.serviceInfo(json.parseObject(text, "cache file " + file), query.groupName(),
                    "cache file " + file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NacosException e) {
            log.log(Level.WARNING, "ignoring the unreadable naming cache file " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    Path file(ServiceQuery q, String namespace) {
        StringBuilder name = new StringBuilder(escape(q.groupName())).append("@@").append(escape(q.serviceName()));
        if (!q.clusters().isEmpty()) {
            name.append("@@").append(escape(String.join(",", q.clusters())));
        }
        if (q.healthyOnly()) {
            name.append("@@healthy");
        }
        return root.resolve("cache").resolve(namespaceDir(namespace)).resolve(name + ".json");
    }

    private void writeAtomically(Path requested, String content) throws IOException {
        if (!Files.isDirectory(requested.getParent())) {
            Files.createDirectories(requested.getParent(), ownerOnly("rwx------"));
        }
        // a directory link out of the root is refused; a file link is replaced by the rename, never written through
        Path dir = insideRoot(requested.getParent().toRealPath(), requested.getParent());
        Path file = dir.resolve(requested.getFileName());
        Path tmp = Files.createTempFile(dir, ".tmp-", ".json", ownerOnly("rw-------"));
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code real} when it lies under the root's real path; the files never follow a link out of their root. */
    private Path insideRoot(Path real, Path requested) throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        Path realRoot = Files.exists(abs) ? abs.toRealPath() : abs;
        if (!real.startsWith(realRoot)) {
            throw new IOException("refused " + requested + ": it resolves to " + real + ", outside " + realRoot);
        }
        return real;
    }

    /** Owner-only permissions, where the file system has POSIX permissions. */
    private FileAttribute<?>[] ownerOnly(String permissions) {
        return posix ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))} : new FileAttribute<?>[0];
    }

    static String namespaceDir(String namespace) {
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
