package org.nacosgi.config.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The client's copy of the last server answer per key under {@code snapshotDir}: written after every successful
 * read, deleted on "not found", read only when no server answers. A failed write is logged, never thrown: the
 * caller already has the server's answer.
 */
final class SnapshotStore {
    private final LocalFileTree tree;
    private final Logger log;

    SnapshotStore(Path root, Logger log) {
        this.tree = new LocalFileTree(root);
        this.log = log;
    }

    Path root() {
        return tree.root();
    }

    Path pathOf(ConfigKey key) {
        return tree.pathOf(key);
    }

    Optional<String> read(ConfigKey key) {
        try {
            return tree.read(key);
        } catch (IOException | RuntimeException e) {
            log.log(Level.WARNING, "snapshot of " + key + " ignored: " + e.getMessage());
            return Optional.empty();
        }
    }

    void save(ConfigKey key, String content) {
        try {
            tree.write(key, content);
        } catch (IOException | RuntimeException e) {
            log.log(Level.WARNING, "snapshot of " + key + " not saved: " + e);
        }
    }

    void delete(ConfigKey key) {
        try {
            tree.delete(key);
        } catch (IOException | RuntimeException e) {
            log.log(Level.WARNING, "snapshot of " + key + " not deleted: " + e);
        }
    }
}
