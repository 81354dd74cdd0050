package org.edgebench.arrivals;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves a {@link Schedule} with {@code workers} threads calling one {@link Service}, and times
 * each request from its scheduled arrival, not from when a worker got to it: a request that arrives
 * while every worker is busy waits in the queue, and that wait is part of its response time
 * (the coordinated omission a closed loop hides). Response = waiting + service, per request.
 *
 * <p>Workers take requests in arrival order from one queue, so with {@code w} workers and a service
 * of fixed length this is the M/D/w queue (or D/D/w with a fixed interval). With a {@link Batching},
 * a free worker takes the oldest waiting request and the ones that arrive, up to {@code B}, until
 * the batch is full or the oldest has waited {@code T}. The schedule is known in advance, so which
 * requests form a batch is decided when the worker takes it; it then waits until the batch closes.
 *
 * <p>A run that falls far behind stops taking requests {@link #drainNanos} after the last arrival;
 * the requests still queued count as unfinished, at the response time they had reached, a lower bound.
 */
public final class OpenLoop {

    private final Clock clock;
    private final int workers;
    private final Batching batching;

    public OpenLoop(Clock clock, int workers, Batching batching) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers: " + workers);
        }
        this.clock = clock;
        this.workers = workers;
        this.batching = batching;
    }

    /** How long after the last arrival the queue may still be served: the schedule's length again, at least 1 s. */
    static long drainNanos(Schedule schedule) {
        return Math.max(schedule.durationNanos(), 1_000_000_000L);
    }

    /**
     * Runs the schedule from now.
     *
     * @param offeredPerSecond the rate the schedule was made at, reported as offered
     */
    public Outcome run(Schedule schedule, double offeredPerSecond, Service service) throws Exception {
        int n = schedule.size();
        long start = clock.now();
        long stopAt = start + schedule.durationNanos() + drainNanos(schedule);
        long[] done = new long[n];
        Queue queue = new Queue(schedule, start, stopAt);
        List<Recorder> recorders = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Recorder recorder = new Recorder();
            recorders.add(recorder);
            Runnable loop = () -> {
                try {
                    work(queue, schedule, start, service, recorder, done);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                    queue.abort();
                }
            };
            if (workers == 1) {
                loop.run();
            } else {
                Thread thread = new Thread(loop, "edgebench-worker-" + w);
                thread.start();
                threads.add(thread);
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        Recorder all = new Recorder();
        recorders.forEach(all::add);
        int unfinished = queue.unfinished();
        long stoppedAt = clock.now();
        for (int i = n - unfinished; i < n; i++) {
            long reached = Math.max(0, stoppedAt - (start + schedule.at(i)));
            all.response.recordValue(reached);
            all.waiting.recordValue(reached);
            done[i] = Long.MAX_VALUE;
        }
        return Outcome.of(schedule, offeredPerSecond, workers, batching, all.response, all.waiting, all.service,
                all.lateness, all.calls, unfinished, done);
    }

    private void work(Queue queue, Schedule schedule, long start, Service service, Recorder recorder, long[] done)
            throws Exception {
        while (true) {
            Queue.Claim claim = queue.take(clock.now(), batching);
            if (claim == null) {
                return;
            }
            clock.awaitUntil(claim.dispatchAt());
            long began = clock.now();
            service.serve(claim.count());
            long ended = clock.now();
            recorder.calls++;
            recorder.lateness.recordValue(Math.max(0, began - claim.dispatchAt()));
            for (int i = claim.first(); i < claim.first() + claim.count(); i++) {
                long arrival = start + schedule.at(i);
                recorder.response.recordValue(ended - arrival);
                recorder.waiting.recordValue(began - arrival);
                recorder.service.recordValue(ended - began);
                done[i] = ended - start;
            }
        }
    }

    /** The requests not yet taken, in arrival order, shared by the workers. */
    private static final class Queue {
        private final Schedule schedule;
        private final long start;
        private final long stopAt;
        private int next;
        private boolean aborted;

        record Claim(int first, int count, long dispatchAt) {
        }

        Queue(Schedule schedule, long start, long stopAt) {
            this.schedule = schedule;
            this.start = start;
            this.stopAt = stopAt;
        }

        /** The next batch for a worker free at {@code now}, or null when none is left (or the run stopped). */
        synchronized Claim take(long now, Batching batching) {
            int n = schedule.size();
            if (aborted || next >= n || now > stopAt) {
                return null;
            }
            int first = next;
            long arrival = start + schedule.at(first);
            long dispatch = Math.max(now, arrival);
            if (batching.batches()) {
                int last = Math.min(n, first + batching.maxBatch()) - 1;
                long full = start + schedule.at(last);
                long closes = last - first + 1 == batching.maxBatch() ? Math.min(full, arrival + batching.maxWaitNanos())
                        : arrival + batching.maxWaitNanos();
                dispatch = Math.max(dispatch, closes);
            }
            int count = 1;
            while (count < batching.maxBatch() && first + count < n && start + schedule.at(first + count) <= dispatch) {
                count++;
            }
            next = first + count;
            return new Claim(first, count, dispatch);
        }

        synchronized void abort() {
            aborted = true;
        }

        synchronized int unfinished() {
            return schedule.size() - next;
        }
    }

    /** One worker's histograms (nanoseconds), merged when the run ends. */
    private static final class Recorder {
        final Histogram response = new Histogram(3);
        final Histogram waiting = new Histogram(3);
        final Histogram service = new Histogram(3);
        final Histogram lateness = new Histogram(3);
        long calls;

        void add(Recorder other) {
            response.add(other.response);
            waiting.add(other.waiting);
            service.add(other.service);
            lateness.add(other.lateness);
            calls += other.calls;
        }
    }
}
