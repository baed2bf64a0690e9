package org.nacosgi.testkit.internal;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Requests not yet answered, so stop() and restart() can drop them instead of leaving sockets open. */
final class OpenCalls {
    private final Set<Call> open = ConcurrentHashMap.newKeySet();

    void add(Call c) {
        open.add(c);
    }

    void remove(Call c) {
        open.remove(c);
    }

    int size() {
        return open.size();
    }

    void abortAll() {
        for (Call c : new ArrayList<>(open)) {
            c.abort();
        }
    }
}
