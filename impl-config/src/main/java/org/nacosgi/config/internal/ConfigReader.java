package org.nacosgi.config.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Reads from the servers and keeps the snapshot in step: saved after every answer, deleted on "not found". */
final class ConfigReader {
    private final ConfigApi api;
    private final SnapshotStore snapshots;
    private final boolean saveSnapshots;

    ConfigReader(ConfigApi api, SnapshotStore snapshots, boolean saveSnapshots) {
        this.api = api;
        this.snapshots = snapshots;
        this.saveSnapshots = saveSnapshots;
    }

    /**
     * Reads, hands the answer to {@code use} (if any), then updates the snapshot: listeners never wait for the disk.
     * {@code inCallerThread}: see {@link ConfigApi#fetch(ConfigKey, Duration, boolean)}.
     */
    CompletableFuture<Fetched> fetch(ConfigKey key, Duration timeout, Consumer<Fetched> use, boolean inCallerThread) {
        return api.fetch(key, timeout, inCallerThread).thenApply(fetched -> {
            if (use != null) {
                use.accept(fetched);
            }
            if (fetched.exists()) {
                if (saveSnapshots) {
                    snapshots.save(key, fetched.content(), fetched.md5());
                }
            } else {
                snapshots.delete(key);
            }
            return fetched;
        });
    }
}
