package org.nacosgi.config.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client's copy of the last server answer per key under {@code snapshotDir}: written after every successful
 * read, deleted on "not found", read only when no server answers. A failed write is logged, never thrown: the
 * caller already has the server's answer. The md5 and file stamp last written per key are remembered (at most
 * {@value #MEMO_SIZE} keys, least recently used dropped), so a read of unchanged content costs one stat, not a
 * rewrite; a file changed or removed behind the client's back is written again.
 */
final class SnapshotStore {
    static final int MEMO_SIZE = 4096;

    private final LocalFileTree tree;
    private final Logger log;
    /** In access order: the first key is the least recently used. */
    private final Map<ConfigKey, List<Object>> written = new LinkedHashMap<>(64, 0.75f, true);

    SnapshotStore(Path root, Logger log) {
        this.tree = new LocalFileTree(root);
        this.log = log;
    }

    Optional<String> read(ConfigKey key) {
        try {
            return tree.read(key);
        } catch (IOException | RuntimeException e) {
            log.log(Level.WARNING, "snapshot of " + key + " ignored: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes are serialized so the memo always names what the file holds; unchanged content returns at once. */
    void save(ConfigKey key, String content, String md5) {
        synchronized (written) {
            List<Object> memo = written.get(key);
            if (memo != null && memo.get(0).equals(md5) && memo.get(1).equals(tree.stamp(key))) {
                return;
            }
            try {
                tree.write(key, content);
                Object stamp = tree.stamp(key);
                if (stamp != null && written.put(key, List.of(md5, stamp)) == null && written.size() > MEMO_SIZE) {
                    written.remove(written.keySet().iterator().next());
                }
            } catch (IOException | RuntimeException e) {
                written.remove(key);
                log.log(Level.WARNING, "snapshot of " + key + " not saved: " + e);
            }
        }
    }

    void delete(ConfigKey key) {
        synchronized (written) {
            written.remove(key);
            try {
                tree.delete(key);
            } catch (IOException | RuntimeException e) {
                log.log(Level.WARNING, "snapshot of " + key + " not deleted: " + e);
            }
        }
    }
}
