package org.nacosgi.config.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Operator-written failover files under {@code failoverDir}: while a key's file exists, its content is served and the
 * server is not asked (nor polled) for that key. Read-only for the client.
 */
final class FailoverFiles {
    private final LocalFileTree tree;
    private final Logger log;

    FailoverFiles(Path root, Logger log) {
        this.tree = new LocalFileTree(root);
        this.log = log;
    }

    /** The failover content of a key, if its file exists and can be read safely. */
    Optional<String> read(ConfigKey key) {
        try {
            return tree.read(key);
        } catch (IOException | RuntimeException e) {
            log.log(Level.WARNING, "failover file of " + key + " ignored: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Cheap pre-check: false when no failover file can exist for the key's namespace. */
    boolean mayHold(ConfigKey key) {
        return tree.mayHoldNamespace(key);
    }
}
