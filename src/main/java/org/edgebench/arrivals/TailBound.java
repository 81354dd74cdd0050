package org.edgebench.arrivals;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.apache.commons.math3.special.Beta;

import java.util.OptionalLong;

/**
 * How far a tail percentile can be trusted, by MLPerf LoadGen's early-stopping rule: with {@code n}
 * samples, the {@code t}-th largest is an upper bound of the true percentile {@code p} at
 * confidence {@code c} when the chance of seeing {@code t} or fewer samples above the true
 * percentile, {@code P(Binomial(n, 1 - p) <= t)}, is at most {@code 1 - c}. The bound is the
 * {@code t}-th largest for the largest {@code t} that holds. Below the smallest {@code n} for which
 * even the largest sample ({@code t = 1}) holds (662 for P99 at 99%), there is no bound: the report
 * says so instead of giving the largest sample as if it were the percentile.
 */
public final class TailBound {

    /** LoadGen's confidence. */
    public static final double CONFIDENCE = 0.99;

    private TailBound() {
    }

    /** The fewest samples that bound percentile {@code p} (a fraction, 0.99) at {@link #CONFIDENCE}. */
    public static long samplesNeeded(double p) {
        return belowNeeded(1, p) + 1;
    }

    /**
     * The early-stopping bound of percentile {@code p} (a fraction) of {@code histogram}, at the
     * top of its bucket so it never understates; empty when there are too few samples.
     */
    public static OptionalLong of(Histogram histogram, double p) {
        long n = histogram.getTotalCount();
        if (n < samplesNeeded(p)) {
            return OptionalLong.empty();
        }
        long lo = 1;
        long hi = n;
        // The largest t with n >= h(t) + t; h(t) + t grows with t.
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            if (belowNeeded(mid, p) + mid <= n) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return OptionalLong.of(valueAtRank(histogram, n - lo + 1));
    }

    /**
     * The fewest samples {@code h} at or below the percentile that, with {@code t} above it, bound it:
     * {@code P(Binomial(h + t, 1 - p) <= t) <= 1 - c}.
     */
    static long belowNeeded(long t, double p) {
        long lo = 1;
        long hi = 1;
        while (odds(hi, t, p) > 1 - CONFIDENCE) {
            hi *= 2;
        }
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (odds(mid, t, p) > 1 - CONFIDENCE) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** {@code P(Binomial(h + t, 1 - p) <= t)}, the regularized incomplete beta {@code I_p(h, t + 1)}. */
    static double odds(long h, long t, double p) {
        return Beta.regularizedBeta(p, h, t + 1);
    }

    /** The sample of 1-based rank {@code rank} in ascending order, at the top of its bucket. */
    static long valueAtRank(Histogram histogram, long rank) {
        long seen = 0;
        for (HistogramIterationValue v : histogram.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            if (seen >= rank) {
                return histogram.highestEquivalentValue(v.getValueIteratedTo());
            }
        }
        return histogram.getMaxValue();
    }
}
