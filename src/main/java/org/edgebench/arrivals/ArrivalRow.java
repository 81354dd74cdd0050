package org.edgebench.arrivals;

import org.HdrHistogram.Histogram;
import org.edgebench.run.Configuration;

import java.util.OptionalLong;

/**
 * One row of {@code arrivals.csv}: one schedule served for one configuration. Times in ms; a tail
 * percentile's {@code bound} is its early-stopping bound ({@link TailBound}), NaN when the schedule
 * had too few requests to bound it.
 *
 * @param configuration the configuration's label ({@code student CPU b1 t0})
 * @param run           {@code rate} for a rate of {@code --arrivals}, {@code sweep} for a probe of the sweep
 * @param asked         the rate as given ({@code poisson:80%}), or {@code sweep}
 * @param closedLoopPerS the configuration's closed-loop maximum (calls per second, from its benchmark), NaN when unknown
 * @param withinSlo     {@code yes} or {@code no} when a budget was given: kept up and the bound is within it
 * @param peak          the sweep's answer: the highest probed rate within the budget
 */
public record ArrivalRow(String configuration, String model, String provider, String batchSize, String intraOpThreads,
                         String dims, String run, String arrivals, String asked, double offeredPerS, double achievedPerS,
                         double closedLoopPerS, double durationS, int workers, int maxBatch, double maxWaitMs,
                         double meanBatch, long requests, long unfinished, boolean keepsUp, double backlogPerS,
                         Tail response, Tail waiting, double serviceP50Ms, double serviceP99Ms, double latenessP99Ms,
                         double sloMs, double sloPercentile, String withinSlo, boolean peak) {

    public static final String RATE = "rate";
    public static final String SWEEP = "sweep";

    /** A distribution's percentiles and the early-stopping bounds of its tail, in ms. */
    public record Tail(double p50, double p95, double p99, double p999, double max,
                       double p95Bound, double p99Bound, double p999Bound) {

        static Tail of(Histogram h) {
            return new Tail(Outcome.ms(h, 50), Outcome.ms(h, 95), Outcome.ms(h, 99), Outcome.ms(h, 99.9),
                    h.getMaxValue() / 1e6, bound(h, 0.95), bound(h, 0.99), bound(h, 0.999));
        }

        private static double bound(Histogram h, double p) {
            OptionalLong b = TailBound.of(h, p);
            return b.isPresent() ? b.getAsLong() / 1e6 : Double.NaN;
        }

        /** The percentile (50, 95, 99, 99.9) in ms. */
        public double at(double percentile) {
            return percentile == 50 ? p50 : percentile == 95 ? p95 : percentile == 99 ? p99 : percentile == 99.9 ? p999 : Double.NaN;
        }

        /** The early-stopping bound of the percentile, NaN without one. */
        public double boundAt(double percentile) {
            return percentile == 95 ? p95Bound : percentile == 99 ? p99Bound : percentile == 99.9 ? p999Bound : Double.NaN;
        }
    }

    /** A rate of {@code --arrivals}. */
    static ArrivalRow of(Configuration c, Rate rate, Outcome o, double closedLoopPerS, double sloMs, double sloPercentile) {
        return of(c, RATE, rate.kind(), rate.label(), o, closedLoopPerS, sloMs, sloPercentile, false);
    }

    /** A probe of the sweep (Poisson arrivals). */
    static ArrivalRow probe(Configuration c, Outcome o, double closedLoopPerS, double sloMs, double sloPercentile, boolean peak) {
        return of(c, SWEEP, "poisson", SWEEP, o, closedLoopPerS, sloMs, sloPercentile, peak);
    }

    private static ArrivalRow of(Configuration c, String run, String kind, String asked, Outcome o, double closedLoopPerS,
                                 double sloMs, double sloPercentile, boolean peak) {
        String within = Double.isNaN(sloMs) ? "" : Sweep.within(o, sloMs * 1e6, sloPercentile) ? "yes" : "no";
        return new ArrivalRow(c.label(), c.model(), c.provider(), c.batchSize(), c.intraOpThreads(),
                c.params().getOrDefault(Configuration.DIMS, ""), run, kind, asked,
                o.offeredPerS(), o.achievedPerS(), closedLoopPerS, o.durationNanos() / 1e9, o.workers(),
                o.batching().maxBatch(), o.batching().maxWaitMs(), o.meanBatch(), o.requests(), o.unfinished(), o.keepsUp(),
                o.backlogPerS(), Tail.of(o.response()), Tail.of(o.waiting()), Outcome.ms(o.service(), 50),
                Outcome.ms(o.service(), 99), Outcome.ms(o.lateness(), 99), sloMs, sloPercentile, within, peak);
    }

    public ArrivalRow asPeak() {
        return new ArrivalRow(configuration, model, provider, batchSize, intraOpThreads, dims, run, arrivals, asked, offeredPerS,
                achievedPerS, closedLoopPerS, durationS, workers, maxBatch, maxWaitMs, meanBatch, requests, unfinished, keepsUp,
                backlogPerS, response, waiting, serviceP50Ms, serviceP99Ms, latenessP99Ms, sloMs, sloPercentile, withinSlo, true);
    }

    /** The batcher of this row. */
    public Batching batching() {
        return Batching.of(maxBatch, maxWaitMs);
    }

    /** The series of the hockey-stick chart this row belongs to: configuration, workers, batcher. */
    public String series() {
        return configuration + (workers > 1 ? " w" + workers : "") + (maxBatch > 1 ? " " + batching().label() : "");
    }
}
