package org.edgebench.arrivals;

import org.edgebench.run.Configuration;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Serves one configuration every schedule of an {@link ArrivalPlan}: each rate with each batcher,
 * then the sweep for the peak rate within the budget, one row per schedule. Before the first, the
 * service is warmed up unmeasured, as JMH's warm-up iterations warm up the benchmark.
 */
public final class ArrivalRunner {

    /** Unmeasured calls before the first schedule, for the JIT and ONNX Runtime's first-call work. */
    static final long WARMUP_NANOS = 2_000_000_000L;
    /** A sweep probe may run this many times {@code --arrivals-for}, to reach the samples its percentile needs. */
    static final int MAX_PROBE_STRETCH = 4;

    private final ArrivalPlan plan;
    private final Clock clock;
    private final Consumer<String> progress;

    public ArrivalRunner(ArrivalPlan plan, Clock clock, Consumer<String> progress) {
        this.plan = plan;
        this.clock = clock;
        this.progress = progress;
    }

    /** The most requests one call of this plan serves: the largest B. */
    public int maxBatch() {
        return plan.batchings().stream().mapToInt(Batching::maxBatch).max().orElse(1);
    }

    /**
     * @param closedLoopPerS the configuration's closed-loop maximum in calls per second, NaN when unknown
     * @param rows           each finished row, as it finishes (the caller saves them)
     */
    public void run(Configuration c, double closedLoopPerS, Service service, Consumer<ArrivalRow> rows) throws Exception {
        warmUp(service);
        for (Rate rate : plan.rates()) {
            if (rate.ofClosedLoop() && !(closedLoopPerS > 0)) {
                progress.accept(c.label() + " " + rate.label() + ": skipped, the configuration has no closed-loop maximum"
                        + " (its benchmark has no result)");
                continue;
            }
            double perSecond = rate.perSecond(closedLoopPerS);
            Rate.checkIssuable(perSecond, rate.label() + " (" + Batching.trim(Math.round(perSecond)) + "/s)");
            for (Batching batching : plan.batchings()) {
                Outcome o = serve(rate.poisson(), perSecond, plan.durationNanos(), batching, service);
                ArrivalRow row = ArrivalRow.of(c, rate, o, closedLoopPerS, plan.sloMs(), plan.sweepPercentile());
                progress.accept(line(row));
                rows.accept(row);
            }
        }
        if (plan.sweep()) {
            if (!(closedLoopPerS > 0)) {
                progress.accept(c.label() + " sweep: skipped, the configuration has no closed-loop maximum to start from");
                return;
            }
            for (Batching batching : plan.batchings()) {
                double ceiling = Math.min(closedLoopPerS * plan.workers(), Rate.MAX_PER_SECOND);
                Sweep.Result result = Sweep.find(ceiling, plan.sloMs() * 1e6, plan.sweepPercentile(), rate -> {
                    Outcome o = serve(true, rate, probeNanos(rate), batching, service);
                    progress.accept(line(ArrivalRow.probe(c, o, closedLoopPerS, plan.sloMs(), plan.sweepPercentile(), false)));
                    return o;
                });
                double peak = result.peak().map(Sweep.Step::perSecond).orElse(Double.NaN);
                for (Sweep.Step step : result.steps()) {
                    ArrivalRow row = ArrivalRow.probe(c, step.outcome(), closedLoopPerS, plan.sloMs(), plan.sweepPercentile(),
                            step.perSecond() == peak);
                    rows.accept(row);
                }
                progress.accept(String.format(Locale.ROOT, "%s%s: peak Poisson rate with P%s within %s ms: %s", c.label(),
                        batching.batches() ? " " + batching.label() : "", Batching.trim(plan.sweepPercentile()),
                        Batching.trim(plan.sloMs()), Double.isNaN(peak) ? "none of the rates probed"
                                : String.format(Locale.ROOT, "%.0f/s (%d probes)", peak, result.steps().size())));
            }
        }
    }

    /** Long enough for the budget's percentile to be bounded, when the plan's duration is not. */
    long probeNanos(double perSecond) {
        double needed = 1.25 * TailBound.samplesNeeded(plan.sweepPercentile() / 100) / perSecond * 1e9;
        return (long) Math.min(Math.max(plan.durationNanos(), needed), (double) MAX_PROBE_STRETCH * plan.durationNanos());
    }

    private Outcome serve(boolean poisson, double perSecond, long nanos, Batching batching, Service service) throws Exception {
        Schedule schedule = poisson ? Schedule.poisson(perSecond, nanos, Schedule.SEED) : Schedule.fixed(perSecond, nanos);
        return new OpenLoop(clock, plan.workers(), batching).run(schedule, perSecond, service);
    }

    private void warmUp(Service service) throws Exception {
        long end = clock.now() + WARMUP_NANOS;
        while (clock.now() < end) {
            service.serve(1);
        }
        for (int k = 2; k <= maxBatch(); k++) {
            for (int i = 0; i < 5; i++) {
                service.serve(k);
            }
        }
    }

    /** The progress line of one schedule. */
    static String line(ArrivalRow r) {
        return String.format(Locale.ROOT, "%s %s %s%s: %.0f/s offered, %.0f/s achieved, %s; response P50 %s, P99 %s;"
                        + " waiting P99 %s", r.configuration(), r.run().equals(ArrivalRow.SWEEP) ? "sweep poisson" : r.asked(),
                r.workers() > 1 ? "w" + r.workers() + " " : "", r.maxBatch() > 1 ? r.batching().label() : "no batching",
                r.offeredPerS(), r.achievedPerS(), keepsUp(r), ms(r.response().p50()), tail(r.response(), 99, r.requests()),
                tail(r.waiting(), 99, r.requests()));
    }

    /** {@code keeps up}, or how fast the queue grows. */
    public static String keepsUp(ArrivalRow r) {
        if (r.keepsUp()) {
            return "keeps up";
        }
        return String.format(Locale.ROOT, "falls behind (queue +%.0f requests/s%s)", r.backlogPerS(),
                r.unfinished() > 0 ? ", " + r.unfinished() + " unserved when the run stopped" : "");
    }

    /**
     * A tail percentile as the data support it: {@code 1.82 ms (<= 2.01 ms at 99% confidence)}, or,
     * with too few requests, {@code 1.82 ms (not bounded: 300 of 662 requests)}.
     */
    public static String tail(ArrivalRow.Tail t, double percentile, long requests) {
        double bound = t.boundAt(percentile);
        if (Double.isNaN(bound)) {
            return ms(t.at(percentile)) + " (not bounded: " + requests + " of "
                    + TailBound.samplesNeeded(percentile / 100) + " requests)";
        }
        return ms(t.at(percentile)) + " (<= " + ms(bound) + " at 99% confidence)";
    }

    public static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f ms", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f ms", v)
                : String.format(Locale.ROOT, "%.2f ms", v);
    }
}
