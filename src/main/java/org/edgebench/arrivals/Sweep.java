package org.edgebench.arrivals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * The highest Poisson rate whose response-time percentile stays within a budget, by bisection as
 * MLPerf LoadGen's peak-performance search does: start at the closed-loop maximum (an open loop
 * cannot keep up beyond it for long), double while that passes, then halve the interval between
 * the highest passing and the lowest failing rate until it is {@link #PRECISION} of the rate wide.
 * A rate passes when the queue keeps up and the early-stopping bound of the percentile
 * ({@link TailBound}) is within the budget, so a pass never rests on too few samples.
 */
public final class Sweep {

    /** The bisection stops when the bracket is this narrow, relative to its top. */
    public static final double PRECISION = 0.03;
    /** Probes at most, doublings included. */
    public static final int MAX_PROBES = 9;
    private static final int MAX_DOUBLINGS = 2;

    /** Runs one schedule at a rate. */
    @FunctionalInterface
    public interface Probe {
        Outcome at(double perSecond) throws Exception;
    }

    /** One probe: its rate, what it did and whether it kept the budget. */
    public record Step(double perSecond, Outcome outcome, boolean within) {
    }

    /** The probes in the order run; the peak is the highest that kept the budget, if any did. */
    public record Result(List<Step> steps, double sloNanos, double percentile) {

        public java.util.Optional<Step> peak() {
            return steps.stream().filter(Step::within).max(Comparator.comparingDouble(Step::perSecond));
        }
    }

    private Sweep() {
    }

    /**
     * @param ceiling    the closed-loop maximum, requests per second: the first rate probed
     * @param percentile the percentile held to the budget (99)
     */
    public static Result find(double ceiling, double sloNanos, double percentile, Probe probe) throws Exception {
        List<Step> steps = new ArrayList<>();
        double lo = 0;
        double hi = ceiling;
        Step first = step(probe, hi, sloNanos, percentile);
        steps.add(first);
        if (first.within()) {
            lo = hi;
            for (int i = 0; i < MAX_DOUBLINGS; i++) {
                Step up = step(probe, lo * 2, sloNanos, percentile);
                steps.add(up);
                if (!up.within()) {
                    hi = up.perSecond();
                    break;
                }
                lo = up.perSecond();
            }
            if (lo == steps.get(steps.size() - 1).perSecond()) {
                return new Result(steps, sloNanos, percentile);
            }
        }
        while (steps.size() < MAX_PROBES && (hi - lo) > PRECISION * hi) {
            Step mid = step(probe, (lo + hi) / 2, sloNanos, percentile);
            steps.add(mid);
            if (mid.within()) {
                lo = mid.perSecond();
            } else {
                hi = mid.perSecond();
            }
        }
        return new Result(steps, sloNanos, percentile);
    }

    private static Step step(Probe probe, double perSecond, double sloNanos, double percentile) throws Exception {
        Outcome outcome = probe.at(perSecond);
        return new Step(perSecond, outcome, within(outcome, sloNanos, percentile));
    }

    /** Kept up, and the percentile's early-stopping bound is within the budget. */
    public static boolean within(Outcome outcome, double sloNanos, double percentile) {
        OptionalLong bound = TailBound.of(outcome.response(), percentile / 100);
        return outcome.keepsUp() && bound.isPresent() && bound.getAsLong() <= sloNanos;
    }
}
