package org.edgebench.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RatioTest {

    @Test
    void identicalForksGiveAPointInterval() {
        Ratio r = Ratio.of(new double[]{1, 1, 1}, new double[]{2, 2, 2}, "x");
        assertThat(r.value()).isEqualTo(2.0);
        assertThat(r.low()).isEqualTo(2.0);
        assertThat(r.high()).isEqualTo(2.0);
        assertThat(r.withinNoise()).isFalse();
        assertThat(r.text()).isEqualTo("2.00x [2.00x, 2.00x]");
    }

    @Test
    void theIntervalStaysWithinTheExtremeRatiosOfResampledMedians() {
        // Resampled medians: reference 1.0, 1.05 or 1.1; other 2.0, 2.1 or 2.2. So every
        // replicate lies in [2.0 / 1.1, 2.2 / 1.0].
        Ratio r = Ratio.of(new double[]{1.0, 1.1}, new double[]{2.0, 2.2}, "seed");
        assertThat(r.value()).isCloseTo(2.0, within(1e-12));
        assertThat(r.low()).isBetween(2.0 / 1.1 - 1e-12, 2.0);
        assertThat(r.high()).isBetween(2.0, 2.2 + 1e-12);
        assertThat(r.low()).isLessThan(r.high());
        assertThat(r.withinNoise()).isFalse();
    }

    @Test
    void withTwoForksASideTheIntervalRunsFromTheLowestToTheHighestRatioOfOneForkToAnother() {
        // Each side's resampled median is one fork, the other or their mean; the extreme pairing has
        // probability 1/16, more than the 2.5% in each tail, so the ends are exactly those ratios.
        Ratio r = Ratio.of(new double[]{1.0, 1.2}, new double[]{0.6, 0.66}, "two forks");
        assertThat(r.value()).isCloseTo(0.63 / 1.1, within(1e-12));
        assertThat(r.low()).isCloseTo(0.6 / 1.2, within(1e-12));
        assertThat(r.high()).isCloseTo(0.66 / 1.0, within(1e-12));
        assertThat(r.intervalText()).isEqualTo("[0.50x, 0.66x]");
        assertThat(r.speedUp().text()).isEqualTo("1.75x [1.52x, 2.00x]");
    }

    @Test
    void overlappingForksAreWithinNoise() {
        Ratio r = Ratio.of(new double[]{1.0, 1.2, 0.9, 1.1}, new double[]{1.05, 0.95, 1.15, 1.0}, "noise");
        assertThat(r.hasInterval()).isTrue();
        assertThat(r.withinNoise()).isTrue();
    }

    @Test
    void oneForkGivesNoInterval() {
        Ratio r = Ratio.of(new double[]{1.0}, new double[]{0.5, 0.6}, "one");
        assertThat(r.hasInterval()).isFalse();
        assertThat(r.withinNoise()).isFalse();
        assertThat(r.text()).isEqualTo("0.55x (1 fork: no interval)");
        assertThat(r.intervalText()).isEqualTo("(1 fork: no interval)");
    }

    @Test
    void aSpeedUpInvertsTheRatioAndSwapsTheEnds() {
        Ratio latency = new Ratio(0.5, 0.4, 0.625, 3, 3);
        Ratio speedUp = latency.speedUp();
        assertThat(speedUp.value()).isEqualTo(2.0);
        assertThat(speedUp.low()).isEqualTo(1.6);
        assertThat(speedUp.high()).isEqualTo(2.5);
        assertThat(Ratio.times(12.34)).isEqualTo("12.3x");
        assertThat(Ratio.times(1.054)).isEqualTo("1.05x");
    }

    @Test
    void theSameInputsGiveTheSameInterval() {
        double[] a = {1.0, 1.3, 0.8};
        double[] b = {0.7, 0.9, 0.75};
        assertThat(Ratio.of(a, b, "k")).isEqualTo(Ratio.of(a, b, "k"));
    }

    @Test
    void pairedIterationsGiveTheMedianRatioOfPairs() {
        double[][] reference = {{1, 2, 4}, {1, 2, 4}};
        double[][] other = {{1.1, 2.2, 4.4}, {1.1, 2.2, 4.4}};
        Ratio r = Ratio.paired(reference, other, "pairs");
        assertThat(r.value()).isCloseTo(1.1, within(1e-12));
        assertThat(r.low()).isCloseTo(1.1, within(1e-12));
        assertThat(r.high()).isCloseTo(1.1, within(1e-12));
        assertThat(r.withinNoise()).isFalse();
    }

    @Test
    void aDifferenceThatLastsAForkWidensThePairedInterval() {
        // Every iteration of fork pair 1 says 1.00x, every one of fork pair 2 says 1.04x: resampling
        // iterations alone would give a point; resampling fork pairs first spans both.
        double[][] reference = {{1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}};
        double[][] other = {{1, 1, 1, 1, 1}, {1.04, 1.04, 1.04, 1.04, 1.04}};
        Ratio r = Ratio.paired(reference, other, "fork effect");
        assertThat(r.low()).isCloseTo(1.0, within(1e-12));
        assertThat(r.high()).isCloseTo(1.04, within(1e-12));
        assertThat(r.withinNoise()).isTrue();
    }

    @Test
    void oneForkPairGivesNoIntervalAndUnequalShapesDoNotPair() {
        assertThat(Ratio.paired(new double[][]{{1, 1}}, new double[][]{{2, 2}}, "one").hasInterval()).isFalse();
        assertThat(Ratio.pairs(new double[][]{{1, 1}, {1}}, new double[][]{{1, 1}, {1, 1}})).isFalse();
        assertThat(Ratio.pairs(new double[][]{{1}}, new double[][]{{1}, {1}})).isFalse();
        assertThat(Ratio.pairs(new double[][]{{1, 2}}, new double[][]{{3, 4}})).isTrue();
    }
}
