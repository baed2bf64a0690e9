package org.nacosgi.itest.reliability;

import java.util.ArrayList;
import java.util.List;

/** The live threads of this JVM. */
final class Threads {
    private Threads() {
    }

    static List<String> live() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                names.add(t.getName());
            }
        }
        return names;
    }

    static List<Thread> liveThreads() {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                out.add(t);
            }
        }
        return out;
    }
}
