package org.nacosgi.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nacosgi.testkit.Fault;

/** Faults installed by a test, matched by method (or "*") and path prefix; paused calls wait here. */
final class FaultRules {
    private static final class Rule {
        final String method;
        final String prefix;
        final Fault fault;

        Rule(String method, String prefix, Fault fault) {
            this.method = method;
            this.prefix = prefix;
            this.fault = fault;
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Runnable> paused = new ArrayList<>();
    private final String contextPath;

    FaultRules(String contextPath) {
        this.contextPath = contextPath;
    }

    void add(String method, String pathPrefix, Fault fault) {
        String m = method == null || method.isBlank() ? "*" : method.trim().toUpperCase(Locale.ROOT);
        if (pathPrefix == null) {
            throw new IllegalArgumentException("pathPrefix must not be null (use \"/\" for every path)");
        }
        if (fault == null) {
            throw new IllegalArgumentException("fault must not be null");
        }
        rules.add(new Rule(m, pathPrefix, fault));
    }

    /** The first fault for this request; the prefix may be given with or without the context path. */
    Fault match(Request req) {
        for (Rule r : rules) {
            if (!"*".equals(r.method) && !r.method.equals(req.method)) {
                continue;
            }
            if (req.fullPath.startsWith(r.prefix) || (req.path != null && req.path.startsWith(r.prefix))
                    || (r.prefix.startsWith(contextPath) && req.fullPath.startsWith(r.prefix))) {
                return r.fault;
            }
        }
        return null;
    }

    synchronized void park(Runnable resume) {
        paused.add(resume);
    }

    /** Removes every rule and returns the paused continuations to run. */
    List<Runnable> clear() {
        rules.clear();
        synchronized (this) {
            List<Runnable> out = new ArrayList<>(paused);
            paused.clear();
            return out;
        }
    }

    synchronized void dropPaused() {
        paused.clear();
    }
}
