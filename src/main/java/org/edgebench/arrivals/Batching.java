package org.edgebench.arrivals;

import java.util.Locale;

/**
 * A dynamic batcher, as Triton's: a free worker takes the oldest waiting request and waits at
 * most {@code maxWaitNanos} from that request's arrival for more, up to {@code maxBatch}
 * requests, then serves them in one call. {@link #NONE} serves each request alone, at once.
 *
 * @param maxBatch     B, the most requests served in one call (1 or more)
 * @param maxWaitNanos T, the longest the oldest request of a batch waits for others (0 or more)
 */
public record Batching(int maxBatch, long maxWaitNanos) {

    public static final Batching NONE = new Batching(1, 0);

    public Batching {
        if (maxBatch < 1 || maxWaitNanos < 0) {
            throw new IllegalArgumentException("a batch of " + maxBatch + " requests after " + maxWaitNanos + " ns");
        }
    }

    public static Batching of(int maxBatch, double maxWaitMs) {
        return new Batching(maxBatch, Math.round(maxWaitMs * 1e6));
    }

    public double maxWaitMs() {
        return maxWaitNanos / 1e6;
    }

    public boolean batches() {
        return maxBatch > 1;
    }

    /** {@code B=8 T=2ms}. */
    public String label() {
        return String.format(Locale.ROOT, "B=%d T=%sms", maxBatch, trim(maxWaitMs()));
    }

    static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }
}
