package org.edgebench.arrivals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The open loop against queueing theory, on a clock the test advances: a service that takes exactly
 * {@link #SERVICE_NANOS} moves the clock on by that much, so the numbers are the harness's
 * bookkeeping alone, the same on a busy machine as on an idle one, and seeded.
 */
class OpenLoopQueueingTest {

    private static final long SERVICE_NANOS = 1_000_000;
    private static final double CAPACITY_PER_S = 1e9 / SERVICE_NANOS;

    /** Time that passes only when the harness waits or the fake service works. */
    static final class ManualClock implements Clock {
        long now = 5_000_000_000L;

        @Override
        public long now() {
            return now;
        }

        @Override
        public void awaitUntil(long nanos) {
            now = Math.max(now, nanos);
        }

        Service service(long fixed, long perRequest) {
            return requests -> now += fixed + perRequest * (requests - 1);
        }
    }

    @ParameterizedTest(name = "utilisation {0}")
    @ValueSource(doubles = {0.5, 0.8})
    void poissonArrivalsWaitAsMD1Says(double utilisation) throws Exception {
        ManualClock clock = new ManualClock();
        double rate = utilisation * CAPACITY_PER_S;
        Schedule schedule = Schedule.poisson(rate, 500_000_000_000L, Schedule.SEED);

        Outcome outcome = new OpenLoop(clock, 1, Batching.NONE).run(schedule, rate, clock.service(SERVICE_NANOS, 0));

        // M/D/1 (Pollaczek-Khinchine): W = rho / (2 mu (1 - rho)).
        double expectedWaitMs = utilisation / (2 * CAPACITY_PER_S * (1 - utilisation)) * 1e3;
        assertThat(outcome.waiting().getMean() / 1e6).isCloseTo(expectedWaitMs, withinPercentage(10));
        assertThat(outcome.response().getMean() / 1e6).isCloseTo(expectedWaitMs + 1.0, withinPercentage(10));
        assertThat(outcome.keepsUp()).isTrue();
        assertThat(outcome.achievedPerS()).isCloseTo(rate, withinPercentage(2));
    }

    @Test
    void aFixedIntervalBelowCapacityWaitsNothing() throws Exception {
        ManualClock clock = new ManualClock();
        Schedule schedule = Schedule.fixed(900, 10_000_000_000L);

        Outcome outcome = new OpenLoop(clock, 1, Batching.NONE).run(schedule, 900, clock.service(SERVICE_NANOS, 0));

        assertThat(outcome.requests()).isEqualTo(9000);
        assertThat(outcome.waiting().getMaxValue()).isZero();
        assertThat(Outcome.ms(outcome.response(), 100)).isCloseTo(1.0, within(0.001));
        assertThat(outcome.keepsUp()).isTrue();
    }

    @Test
    void aRateBeyondCapacityFallsBehindByTheDifference() throws Exception {
        ManualClock clock = new ManualClock();
        Schedule schedule = Schedule.poisson(1500, 20_000_000_000L, Schedule.SEED);

        Outcome outcome = new OpenLoop(clock, 1, Batching.NONE).run(schedule, 1500, clock.service(SERVICE_NANOS, 0));

        assertThat(outcome.keepsUp()).isFalse();
        assertThat(outcome.backlogPerS()).isCloseTo(500, withinPercentage(15));
        assertThat(outcome.achievedPerS()).isCloseTo(CAPACITY_PER_S, withinPercentage(2));
    }

    @Test
    void aBatcherFillsItsBatchAndTheOldestWaitsForTheRest() throws Exception {
        ManualClock clock = new ManualClock();
        // One request per ms, batches of 4: the first of each batch waits 3 ms for the fourth.
        Schedule schedule = Schedule.fixed(1000, 4_000_000_000L);

        Outcome outcome = new OpenLoop(clock, 1, Batching.of(4, 10)).run(schedule, 1000, clock.service(1_000_000, 200_000));

        assertThat(outcome.meanBatch()).isEqualTo(4.0);
        assertThat(outcome.calls()).isEqualTo(1000);
        assertThat(Outcome.ms(outcome.waiting(), 100)).isCloseTo(3.0, within(0.01));
        assertThat(Outcome.ms(outcome.service(), 50)).isCloseTo(1.6, within(0.01));
        assertThat(outcome.keepsUp()).isTrue();
    }

    @Test
    void aBatcherStopsWaitingAfterT() throws Exception {
        ManualClock clock = new ManualClock();
        // One request each 10 ms, T = 2 ms: no batch ever fills, each request waits T alone.
        Schedule schedule = Schedule.fixed(100, 2_000_000_000L);

        Outcome outcome = new OpenLoop(clock, 1, Batching.of(8, 2)).run(schedule, 100, clock.service(1_000_000, 0));

        assertThat(outcome.meanBatch()).isEqualTo(1.0);
        assertThat(Outcome.ms(outcome.waiting(), 50)).isCloseTo(2.0, within(0.01));
    }
}
