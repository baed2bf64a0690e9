package org.nacosgi.itest.support;

import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.nacosgi.api.config.ConfigChangeEvent;
import org.nacosgi.api.config.ConfigListener;

/** A whiteboard config listener that records its events for a test to await. */
public final class RecordingConfigListener implements ConfigListener {
    private final BlockingQueue<ConfigChangeEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void onChange(ConfigChangeEvent event) {
        events.add(event);
    }

    /** Waits for a CHANGED event with this content (earlier events are skipped). */
    public ConfigChangeEvent awaitContent(String content, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Timing.scaled(timeout).toNanos();
        for (;;) {
            long left = deadline - System.nanoTime();
            ConfigChangeEvent e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                String what = "no CHANGED event with '" + content + "' within " + Timing.scaled(timeout);
                fail(what + ThreadDumps.write(what));
            }
            if (e.type() == ConfigChangeEvent.Type.CHANGED && content.equals(e.content().orElse(null))) {
                return e;
            }
        }
    }
}
