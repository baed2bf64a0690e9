package org.nacosgi.itest.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.nacosgi.api.config.ConfigChangeEvent;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingEvent;
import org.nacosgi.api.naming.NamingListener;

/** A config and naming listener that keeps every event it got, in order, with the callback threads' names. */
final class Recorder implements ConfigListener, NamingListener {
    private final List<ConfigChangeEvent> configEvents = new ArrayList<>();
    private final List<NamingEvent> namingEvents = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();

    @Override
    public synchronized void onChange(ConfigChangeEvent event) {
        configEvents.add(event);
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public synchronized void onEvent(NamingEvent event) {
        namingEvents.add(event);
        threads.add(Thread.currentThread().getName());
    }

    synchronized List<ConfigChangeEvent> configEvents() {
        return new ArrayList<>(configEvents);
    }

    synchronized List<NamingEvent> namingEvents() {
        return new ArrayList<>(namingEvents);
    }

    synchronized List<String> threads() {
        return new ArrayList<>(threads);
    }

    /** Contents delivered with CHANGED events, in order ("<deleted>" for DELETED). */
    synchronized List<String> contents() {
        List<String> out = new ArrayList<>();
        for (ConfigChangeEvent e : configEvents) {
            out.add(e.content().orElse("<deleted>"));
        }
        return out;
    }

    synchronized long count(String content) {
        return contents().stream().filter(content::equals).count();
    }

    synchronized boolean saw(String content) {
        return contents().contains(content);
    }

    /** The instances of the latest naming event. */
    synchronized Optional<List<Instance>> lastInstances() {
        return namingEvents.isEmpty() ? Optional.empty()
                : Optional.of(namingEvents.get(namingEvents.size() - 1).instances());
    }

    synchronized boolean lastInstancesMatch(Predicate<List<Instance>> p) {
        return lastInstances().map(p::test).orElse(false);
    }
}
