package org.edgebench.arrivals;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/** The bisection on the M/D/1 queue of a 1 ms service, on a clock the test advances. */
class SweepTest {

    private static final long SERVICE_NANOS = 1_000_000;

    private static Sweep.Probe md1() {
        return rate -> {
            OpenLoopQueueingTest.ManualClock clock = new OpenLoopQueueingTest.ManualClock();
            Schedule schedule = Schedule.poisson(rate, 60_000_000_000L, Schedule.SEED);
            return new OpenLoop(clock, 1, Batching.NONE).run(schedule, rate, clock.service(SERVICE_NANOS, 0));
        };
    }

    @Test
    void findsTheHighestRateWithinTheBudget() throws Exception {
        // M/D/1 at 1,000/s capacity: P99 of the response passes 10 ms near 80% load.
        Sweep.Result result = Sweep.find(1000, 10e6, 99, md1());

        Sweep.Step peak = result.peak().orElseThrow();
        assertThat(peak.perSecond()).isBetween(700.0, 900.0);
        assertThat(result.steps()).hasSizeLessThanOrEqualTo(Sweep.MAX_PROBES);
        // Every rate above the peak that was probed failed, every one below passed.
        for (Sweep.Step s : result.steps()) {
            assertThat(s.within()).as("%s/s", s.perSecond()).isEqualTo(s.perSecond() <= peak.perSecond());
        }
        Sweep.Step failedAbove = result.steps().stream().filter(s -> !s.within())
                .min((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
        assertThat(failedAbove.perSecond()).isCloseTo(peak.perSecond(), withinPercentage(100 * Sweep.PRECISION * 1.01 + 0.1));
    }

    @Test
    void aBudgetNothingMeetsHasNoPeak() throws Exception {
        Sweep.Result result = Sweep.find(1000, 0.5e6, 99, md1());

        assertThat(result.peak()).isEmpty();
    }
}
