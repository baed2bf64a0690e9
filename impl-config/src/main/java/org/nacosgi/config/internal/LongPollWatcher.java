package org.nacosgi.config.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;
import org.nacosgi.api.spi.Transport;

/**
 * Finds changes of watched items. Items are packed into batches of at most {@code pullingConfigSize}; each batch is
 * one loop of asynchronous rounds on the client's scheduler and the transport's async HTTP (no thread per batch):
 * <ul>
 * <li>servers with the v1 listener: one POST {@code /v1/cs/configs/listener} per round carrying the batch's keys and
 * md5s ({@code Long-Pulling-Timeout} = pullingTimeout; {@code Long-Pulling-Timeout-No-Hangup} when keys were just
 * added, and a held poll is restarted for them so a new watcher never waits out the current poll); changed keys are
 * then read and applied before the next round, so the next poll carries the new md5s;</li>
 * <li>servers without it (3.2+): each key's md5 is read every {@code configPollInterval}, new keys at once.</li>
 * </ul>
 * Keys served from a failover file are left out. After an error a batch waits with capped exponential backoff and
 * jitter; a round that brought nothing new and came back at once (a server or proxy that answers immediately, or
 * reports a change it keeps reporting) backs off too, so a batch never spins.
 */
final class LongPollWatcher {
    static final String LISTENER_PATH = "/v1/cs/configs/listener";
    /** The real server holds a listener request at least this long, whatever Long-Pulling-Timeout says. */
    private static final Duration SERVER_MIN_HOLD = Duration.ofSeconds(10);
    private static final int FETCH_PARALLELISM = 4;
    private static final Duration ERROR_BASE = Duration.ofSeconds(1);
    private static final Duration IDLE_BASE = Duration.ofMillis(100);
    private static final Duration BACKOFF_CAP = Duration.ofSeconds(30);

    private final Transport transport;
    private final ConfigApi api;
    private final ConfigReader reader;
    private final FailoverFiles failover;
    private final ScheduledExecutorService scheduler;
    private final Logger log;
    private final Duration pullingTimeout;
    private final Duration requestTimeout;
    private final Duration readTimeout;
    private final Duration pollInterval;
    private final Duration quickAnswer;
    private final int batchSize;
    private final List<Batch> batches = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    LongPollWatcher(ConfigApi api, ConfigReader reader, FailoverFiles failover, ScheduledExecutorService scheduler,
            Logger log, Duration pullingTimeout, int batchSize, Duration readTimeout, Duration pollInterval) {
        this.transport = api.transport();
        this.api = api;
        this.reader = reader;
        this.failover = failover;
        this.scheduler = scheduler;
        this.log = log;
        this.pullingTimeout = pullingTimeout;
        this.requestTimeout = max(pullingTimeout, SERVER_MIN_HOLD).plus(readTimeout);
        this.readTimeout = readTimeout;
        this.pollInterval = pollInterval;
        this.quickAnswer = min(Duration.ofSeconds(1), pullingTimeout.dividedBy(2));
        this.batchSize = batchSize;
    }

    /** Starts watching an item: it joins the first batch with room (or a new one) and is polled at once. */
    synchronized void watch(WatchedItem item) {
        if (closed) {
            return;
        }
        Batch target = null;
        for (Batch b : batches) {
            if (b.size() < batchSize) {
                target = b;
                break;
            }
        }
        if (target == null) {
            target = new Batch(batches.size());
            batches.add(target);
        }
        target.add(item);
    }

    /** Stops watching an item; an emptied batch stops its loop. */
    synchronized void unwatch(WatchedItem item) {
        Object owner = item.batch;
        if (!(owner instanceof Batch)) {
            return;
        }
        Batch b = (Batch) owner;
        item.batch = null;
        if (b.remove(item)) {
            batches.remove(b);
            b.stop();
        }
    }

    /** Number of batches (ceil(keys / pullingConfigSize) while they are densely packed). */
    synchronized int batchCount() {
        return batches.size();
    }

    /** Listener requests now in flight (held or not). */
    synchronized int pollsInFlight() {
        int n = 0;
        for (Batch b : batches) {
            n += b.polling() ? 1 : 0;
        }
        return n;
    }

    void close() {
        List<Batch> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(batches);
            batches.clear();
        }
        for (Batch b : all) {
            b.stop();
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A batch's phases: no round, a round scheduled, a listener request in flight, reading changed configs. */
    private static final int IDLE = 0, WAITING = 1, POLLING = 2, READING = 3;

    /** One loop of rounds over at most {@code batchSize} items. All fields guarded by this batch. */
    private final class Batch {
        private final int id;
        private final Map<String, WatchedItem> items = new LinkedHashMap<>();
        private final Backoff errors = new Backoff(ERROR_BASE, BACKOFF_CAP);
        private final Backoff idle = new Backoff(IDLE_BASE, BACKOFF_CAP);
        private int phase = IDLE;
        /** The scheduled round waits out an error backoff: new keys do not cut it short. */
        private boolean errorWait;
        private int round;
        private boolean stopped;
        /** Keys were added since the last poll was built: the next poll must not be held. */
        private boolean fresh;
        private boolean heldPoll;
        private CompletableFuture<NacosResponse> inFlight;
        private ScheduledFuture<?> timer;
        private boolean failing;

        Batch(int id) {
            this.id = id;
        }

        synchronized int size() {
            return items.size();
        }

        synchronized boolean polling() {
            return phase == POLLING;
        }

        synchronized void add(WatchedItem item) {
            if (stopped) {
                return;
            }
            items.put(item.wireKey, item);
            item.batch = this;
            item.checked = false;
            fresh = true;
            // a waiting round starts now unless it waits out an error; while READING the next round starts right
            // after and sees the fresh keys
            if (phase == IDLE || (phase == WAITING && !errorWait)) {
                startRound(Duration.ZERO);
            } else if (phase == POLLING && heldPoll) {
                // restart the held poll with the new key rather than let it wait up to pullingTimeout
                CompletableFuture<NacosResponse> held = inFlight;
                startRound(Duration.ZERO);
                if (held != null) {
                    held.cancel(true);
                }
            }
        }

        /** Returns whether the batch is now empty. */
        synchronized boolean remove(WatchedItem item) {
            items.remove(item.wireKey, item);
            return items.isEmpty();
        }

        synchronized void stop() {
            stopped = true;
            round++;
            CompletableFuture<NacosResponse> poll = inFlight;
            cancelPending();
            phase = IDLE;
            if (poll != null) {
                poll.cancel(true); // frees the held request where the transport passes cancellation on
            }
        }

        /** Starts a new round after a delay; a round still running is made stale. Caller holds the lock. */
        private void startRound(Duration delay) {
            round++;
            cancelPending();
            if (stopped) {
                return;
            }
            int r = round;
            phase = WAITING;
            try {
                timer = scheduler.schedule(() -> runRound(r), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                stopped = true; // the runtime is closing
                phase = IDLE;
            }
        }

        private void cancelPending() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            inFlight = null;
            heldPoll = false;
        }

        private void next(int r, Duration delay, boolean afterError) {
            synchronized (this) {
                if (stopped || r != round) {
                    return;
                }
                if (items.isEmpty()) {
                    phase = IDLE;
                    return;
                }
                startRound(fresh && !afterError ? Duration.ZERO : delay);
                errorWait = afterError;
            }
        }

        private void runRound(int r) {
            List<WatchedItem> snapshot;
            synchronized (this) {
                if (stopped || r != round) {
                    return;
                }
                if (items.isEmpty()) {
                    phase = IDLE;
                    return;
                }
                snapshot = new ArrayList<>(items.values());
                errorWait = false;
            }
            try {
                List<WatchedItem> polled = withoutFailover(snapshot);
                if (polled.isEmpty()) {
                    synchronized (this) {
                        fresh = false;
                    }
                    next(r, pollInterval, false); // look again for the failover files to go away
                } else if (api.hasListener()) {
                    longPoll(r, polled);
                } else {
                    md5Round(r, polled);
                }
            } catch (RuntimeException e) {
                failed(r, e);
            }
        }

        /** Applies failover files and returns the items to ask the server about. */
        private List<WatchedItem> withoutFailover(List<WatchedItem> snapshot) {
            boolean mayHold = failover.mayHold(snapshot.get(0).key);
            List<WatchedItem> polled = new ArrayList<>(snapshot.size());
            for (WatchedItem item : snapshot) {
                String content = mayHold ? failover.read(item.key).orElse(null) : null;
                if (content != null) {
                    item.applyFailover(content);
                } else {
                    if (item.isFailover()) {
                        item.leaveFailover();
                        log.log(Level.INFO, "failover file of " + item.key + " gone: watching the server again");
                    }
                    polled.add(item);
                }
            }
            return polled;
        }

        private void longPoll(int r, List<WatchedItem> polled) {
            StringBuilder body = new StringBuilder(polled.size() * 80);
            for (WatchedItem item : polled) {
                ListeningConfigs.append(body, item.key, item.md5());
            }
            boolean noHangup;
            synchronized (this) {
                if (stopped || r != round) {
                    return;
                }
                noHangup = fresh;
                fresh = false;
            }
            NacosRequest request = NacosRequest.post(LISTENER_PATH)
                    .form("Listening-Configs", body.toString())
                    .header("Long-Pulling-Timeout", Long.toString(pullingTimeout.toMillis()))
                    .header("Long-Pulling-Timeout-No-Hangup", noHangup ? "true" : null)
                    .timeout(requestTimeout).sign(NacosRequest.Signing.CONFIG, "").build();
            long started = System.nanoTime();
            CompletableFuture<NacosResponse> f = transport.sendAsync(request);
            synchronized (this) {
                if (stopped || r != round) {
                    f.cancel(true);
                    return;
                }
                phase = POLLING;
                inFlight = f;
                heldPoll = !noHangup;
            }
            f.whenComplete((response, error) -> {
                try {
                    onAnswer(r, polled, noHangup, started, response, error);
                } catch (RuntimeException e) {
                    failed(r, e);
                }
            });
        }

        private void onAnswer(int r, List<WatchedItem> polled, boolean noHangup, long started,
                NacosResponse response, Throwable error) {
            synchronized (this) {
                if (stopped || r != round) {
                    return;
                }
                phase = READING;
                inFlight = null;
                heldPoll = false;
            }
            if (error != null) {
                failed(r, Futures.unwrap(error));
                return;
            }
            if (response.status() == 410 || response.status() == 404) {
                log.log(Level.INFO, "the server answered " + response.summary() + " to the config listener: "
                        + "watching by md5 reads (v3 API) from now on");
                api.routeGone();
                failed(r, response.toException("config listener"));
                return;
            }
            if (response.status() != 200) {
                failed(r, response.toException("config listener"));
                return;
            }
            recovered();
            Map<String, WatchedItem> byWireKey = new HashMap<>(polled.size() * 2);
            for (WatchedItem item : polled) {
                byWireKey.put(item.wireKey, item);
            }
            List<WatchedItem> changed = new ArrayList<>();
            for (String wireKey : ListeningConfigs.parseChanged(response.body())) {
                WatchedItem item = byWireKey.remove(wireKey);
                if (item != null) {
                    changed.add(item);
                }
            }
            boolean quick = System.nanoTime() - started < quickAnswer.toNanos();
            AtomicBoolean progress = new AtomicBoolean();
            Fanout.run(changed, FETCH_PARALLELISM, item -> reader.fetch(item.key, readTimeout, fetched -> {
                if (item.apply(fetched)) {
                    progress.set(true);
                }
            }, false)).whenComplete((failures, e) -> {
                if (failures != null && failures > 0 && failures == changed.size()) {
                    failed(r, new IllegalStateException("reading " + failures + " changed configs failed"));
                    return;
                }
                Duration delay = Duration.ZERO;
                synchronized (this) {
                    // an answer that came at once with nothing new must not start the next poll at once
                    if (progress.get() || !quick || (noHangup && changed.isEmpty())) {
                        idle.reset();
                    } else {
                        delay = idle.next();
                        if (idle.attempts() == 3) {
                            log.log(Level.WARNING, "the config listener keeps answering at once with nothing new"
                                    + " (batch " + id + "): backing off");
                        }
                    }
                }
                next(r, delay, false);
            });
        }

        /** Servers without a listener: read the md5 of every key that is due (new keys at once). */
        private void md5Round(int r, List<WatchedItem> polled) {
            long now = System.nanoTime();
            long interval = pollInterval.toNanos();
            List<WatchedItem> due = new ArrayList<>();
            for (WatchedItem item : polled) {
                if (!item.checked || now - item.checkedAtNanos >= interval) {
                    due.add(item);
                }
            }
            synchronized (this) {
                if (stopped || r != round) {
                    return;
                }
                fresh = false;
                phase = READING;
            }
            Fanout.run(due, FETCH_PARALLELISM, item -> reader.fetch(item.key, readTimeout, fetched -> {
                item.checkedAtNanos = System.nanoTime();
                item.checked = true;
                item.apply(fetched);
            }, false)).whenComplete((failures, e) -> {
                if (failures != null && failures > 0 && failures == due.size()) {
                    failed(r, new IllegalStateException("reading " + failures + " configs failed"));
                    return;
                }
                recovered();
                long t = System.nanoTime();
                long wait = interval;
                for (WatchedItem item : polled) {
                    long left = item.checked ? item.checkedAtNanos + interval - t : 0;
                    wait = Math.min(wait, Math.max(0, left));
                }
                // never sooner than a tenth of the interval: items read at slightly different times share a round
                next(r, Duration.ofNanos(Math.max(wait, interval / 10)), false);
            });
        }

        private void failed(int r, Throwable error) {
            Duration delay;
            synchronized (this) {
                if (stopped || r != round) {
                    return;
                }
                delay = errors.next();
                if (!failing) {
                    failing = true;
                    log.log(Level.WARNING, "watching configs (batch " + id + ") failed, retrying with backoff: "
                            + error);
                } else {
                    log.log(Level.DEBUG, "watching configs (batch " + id + ") failed again (" + errors.attempts()
                            + " times), next try in " + delay.toMillis() + " ms: " + error);
                }
            }
            next(r, delay, true);
        }

        private void recovered() {
            synchronized (this) {
                errors.reset();
                if (failing) {
                    failing = false;
                    log.log(Level.INFO, "watching configs (batch " + id + ") works again");
                }
            }
        }
    }
}
