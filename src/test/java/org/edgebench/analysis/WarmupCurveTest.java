package org.edgebench.analysis;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WarmupCurveTest {

    @Test
    void aFlatCurveIsSteadyFromTheFirstRun() {
        WarmupCurve curve = WarmupCurve.of(forks(3, 20, k -> 2.0));

        assertThat(curve.firstMs()).isEqualTo(2.0);
        assertThat(curve.steadyP50Ms()).isEqualTo(2.0);
        assertThat(curve.reachedAfterRuns()).isZero();
        assertThat(curve.settled()).isTrue();
        assertThat(curve.medianPerIterationMs()).hasSize(20).containsOnly(2.0);
    }

    @Test
    void aDecayingCurveSettlesAfterItsSlowRuns() {
        // 40, 20, 10, 5, 2.5 ms, then 2 ms for good; 2.5 ms is 25 % above steady, so still warming up.
        double[] slow = {40, 20, 10, 5, 2.5};
        WarmupCurve curve = WarmupCurve.of(forks(5, 30, k -> k < slow.length ? slow[k] : 2.0));

        assertThat(curve.firstMs()).isEqualTo(40.0);
        assertThat(curve.steadyP50Ms()).isEqualTo(2.0);
        assertThat(curve.reachedAfterRuns()).isEqualTo(5);
        assertThat(curve.medianPerIterationMs().subList(0, 5)).containsExactly(40.0, 20.0, 10.0, 5.0, 2.5);
    }

    @Test
    void aRunWithinTenPercentOfSteadyCountsAsWarm() {
        double[] slow = {30, 2.2};
        WarmupCurve curve = WarmupCurve.of(forks(3, 20, k -> k < slow.length ? slow[k] : 2.0));

        assertThat(curve.reachedAfterRuns()).isEqualTo(1);
    }

    @Test
    void oneSlowRunInTheTailIsNoise() {
        WarmupCurve curve = WarmupCurve.of(forks(3, 30, k -> k == 0 ? 50 : k == 24 ? 9.0 : 2.0));

        assertThat(curve.reachedAfterRuns()).isEqualTo(1);
        assertThat(curve.medianPerIterationMs().get(24)).isEqualTo(9.0);
    }

    @Test
    void twoSlowRunsInARowInTheTailAreNotNoise() {
        WarmupCurve curve = WarmupCurve.of(forks(3, 30, k -> k == 0 ? 50 : k == 20 || k == 21 ? 9.0 : 2.0));

        assertThat(curve.reachedAfterRuns()).isEqualTo(22);
    }

    @Test
    void theCurveIsTheMedianAcrossForksSoOneForksHiccupDoesNotMoveIt() {
        double[][] latencies = forks(3, 10, k -> k == 0 ? 20.0 : 1.0);
        latencies[1][3] = 100;
        latencies[2][0] = 80;

        WarmupCurve curve = WarmupCurve.of(latencies);

        assertThat(curve.medianPerIterationMs().get(3)).isEqualTo(1.0);
        assertThat(curve.firstMs()).isEqualTo(20.0);
        assertThat(curve.reachedAfterRuns()).isEqualTo(1);
    }

    @Test
    void steadyIsTheMedianOfEverySampleInTheLastHalf() {
        // Iterations 5..9 hold 1, 2, 3, 4, 5 ms in fork 0 and 3 ms everywhere in fork 1: median 3.
        double[][] latencies = {
                {9, 9, 9, 9, 9, 1, 2, 3, 4, 5},
                {9, 9, 9, 9, 9, 3, 3, 3, 3, 3},
        };

        assertThat(WarmupCurve.of(latencies).steadyP50Ms()).isEqualTo(3.0);
    }

    @Test
    void aCurveThatKeepsClimbingNeverSettles() {
        WarmupCurve curve = WarmupCurve.of(forks(2, 10, k -> k + 1.0));

        assertThat(curve.steadyP50Ms()).isEqualTo(8.0);
        assertThat(curve.reachedAfterRuns()).isEqualTo(10);
        assertThat(curve.settled()).isFalse();
    }

    @Test
    void forksOfDifferentLengthsCountWhereTheyHaveData() {
        double[][] latencies = {
                {10, 2, 2, 2, 2, 2},
                {12, 2, 2},
        };

        WarmupCurve curve = WarmupCurve.of(latencies);

        assertThat(curve.firstMs()).isCloseTo(11.0, within(1e-12));
        assertThat(curve.medianPerIterationMs()).hasSize(6);
        assertThat(curve.reachedAfterRuns()).isEqualTo(1);
    }

    @Test
    void aSingleRunIsItsOwnSteadyState() {
        WarmupCurve curve = WarmupCurve.of(new double[][] {{7.5}});

        assertThat(curve.firstMs()).isEqualTo(7.5);
        assertThat(curve.steadyP50Ms()).isEqualTo(7.5);
        assertThat(curve.reachedAfterRuns()).isZero();
    }

    @Test
    void rejectsNoDataAndImpossibleLatencies() {
        assertThatThrownBy(() -> WarmupCurve.of(new double[0][])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WarmupCurve.of(new double[][] {{}})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WarmupCurve.of(new double[][] {{1, Double.NaN}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> WarmupCurve.of(new double[][] {{-1}})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCurveCannotBeChangedFromOutside() {
        WarmupCurve curve = WarmupCurve.of(forks(1, 3, k -> 1.0));

        assertThatThrownBy(() -> curve.medianPerIterationMs().set(0, 5.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    /** {@code forks} identical forks of {@code iterations} runs, run k taking {@code latency(k)} ms. */
    private static double[][] forks(int forks, int iterations, IntToDoubleFunction latency) {
        double[][] latencies = new double[forks][iterations];
        for (double[] fork : latencies) {
            Arrays.setAll(fork, latency::applyAsDouble);
        }
        return latencies;
    }
}
