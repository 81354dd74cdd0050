package org.edgebench.arrivals;

import java.util.SplittableRandom;

/**
 * When each request arrives, in nanoseconds from the start of the schedule: all of them are known
 * before the first is sent, so no request's arrival depends on how fast an earlier one was served
 * (the open loop that a closed benchmark loop is not).
 */
public final class Schedule {

    /** Poisson arrivals are seeded, so two runs of one schedule send the same requests at the same times. */
    public static final long SEED = 20261205L;

    private final long[] arrivals;
    private final long durationNanos;

    private Schedule(long[] arrivals, long durationNanos) {
        this.arrivals = arrivals;
        this.durationNanos = durationNanos;
    }

    /** A fixed interval, as frames from a camera: request {@code i} at {@code i / rate}. */
    public static Schedule fixed(double perSecond, long durationNanos) {
        int n = count(perSecond, durationNanos);
        long[] at = new long[n];
        for (int i = 0; i < n; i++) {
            at[i] = Math.round(i * 1e9 / perSecond);
        }
        return new Schedule(at, durationNanos);
    }

    /** Poisson arrivals (exponential gaps of mean {@code 1 / rate}), as independent users' requests. */
    public static Schedule poisson(double perSecond, long durationNanos, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] at = new long[count(perSecond, durationNanos) * 2 + 16];
        double t = 0;
        int n = 0;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) * 1e9 / perSecond;
            if (t >= durationNanos) {
                break;
            }
            if (n == at.length) {
                at = java.util.Arrays.copyOf(at, n * 2);
            }
            at[n++] = Math.round(t);
        }
        return new Schedule(java.util.Arrays.copyOf(at, n), durationNanos);
    }

    private static int count(double perSecond, long durationNanos) {
        if (!(perSecond > 0) || durationNanos <= 0) {
            throw new IllegalArgumentException("a rate of " + perSecond + "/s for " + durationNanos + " ns");
        }
        double n = Math.ceil(perSecond * durationNanos / 1e9);
        if (n > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("too many requests: " + n);
        }
        return (int) n;
    }

    public int size() {
        return arrivals.length;
    }

    /** Request {@code i}'s arrival, in nanoseconds from the start. */
    public long at(int i) {
        return arrivals[i];
    }

    public long durationNanos() {
        return durationNanos;
    }

    /** Requests arrived by {@code nanos} from the start (inclusive). */
    public int arrivedBy(long nanos) {
        int lo = 0;
        int hi = arrivals.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (arrivals[mid] <= nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
