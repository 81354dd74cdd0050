package org.edgebench.arrivals;

import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * What one schedule did: the offered and achieved rate, whether the queue stayed bounded, and the
 * response, waiting and service time of every request (HdrHistogram, nanoseconds, three significant
 * digits).
 *
 * @param requests         requests in the schedule
 * @param unfinished       requests still queued when the run stopped (counted at the time they had waited)
 * @param calls            service calls (fewer than requests when requests were batched)
 * @param achievedPerS     requests completed per second, from the start to the last completion
 * @param backlogPerS      how fast the queue grew over the second half of the schedule, requests per second
 * @param keepsUp          false when that growth is beyond what the arrivals' own randomness explains
 * @param lateness         how late the workers started a call after its planned time (the harness's own delay)
 */
public record Outcome(double offeredPerS, long durationNanos, int workers, Batching batching, int requests, int unfinished,
                      long calls, double achievedPerS, double backlogPerS, boolean keepsUp,
                      Histogram response, Histogram waiting, Histogram service, Histogram lateness) {

    static Outcome of(Schedule schedule, double offeredPerS, int workers, Batching batching, Histogram response,
                      Histogram waiting, Histogram service, Histogram lateness, long calls, int unfinished, long[] done) {
        int n = schedule.size();
        long[] sorted = done.clone();
        Arrays.sort(sorted);
        long finished = n - unfinished;
        long last = finished == 0 ? schedule.durationNanos() : sorted[(int) finished - 1];
        double achieved = finished / (Math.max(last, schedule.durationNanos()) / 1e9);
        long end = schedule.durationNanos();
        long half = end / 2;
        long queuedAtEnd = schedule.arrivedBy(end) - completedBy(sorted, end);
        long queuedAtHalf = schedule.arrivedBy(half) - completedBy(sorted, half);
        double halfSeconds = (end - half) / 1e9;
        double backlog = (queuedAtEnd - queuedAtHalf) / halfSeconds;
        // Poisson arrivals over half the schedule vary by sqrt(lambda * t); three of those, plus what
        // the workers hold in their hands, is noise, not a growing queue.
        double noise = 3 * Math.sqrt(offeredPerS * halfSeconds) + (double) workers * batching.maxBatch();
        boolean keepsUp = unfinished == 0 && queuedAtEnd - queuedAtHalf <= noise;
        return new Outcome(offeredPerS, schedule.durationNanos(), workers, batching, n, unfinished, calls, achieved,
                Math.max(0, backlog), keepsUp, response, waiting, service, lateness);
    }

    private static long completedBy(long[] sorted, long nanos) {
        int i = Arrays.binarySearch(sorted, nanos);
        if (i < 0) {
            return -i - 1;
        }
        while (i + 1 < sorted.length && sorted[i + 1] == nanos) {
            i++;
        }
        return i + 1;
    }

    /** Mean requests per call. */
    public double meanBatch() {
        return calls == 0 ? 0 : (requests - unfinished) / (double) calls;
    }

    /** A percentile (0-100) of {@code histogram} in milliseconds. */
    public static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
