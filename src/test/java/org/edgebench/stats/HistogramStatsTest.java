package org.edgebench.stats;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.edgebench.compare.Metric;
import org.edgebench.compare.SyntheticForks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HistogramStatsTest {

    @Test
    void percentileInterpolatesAtPTimesNPlusOne() {
        double[] values = new double[100];
        long[] counts = new long[100];
        for (int i = 0; i < 100; i++) {
            values[99 - i] = i + 1;
            counts[99 - i] = 1;
        }
        assertThat(HistogramStats.percentile(values, counts, 50)).isEqualTo(50.5);
        assertThat(HistogramStats.percentile(values, counts, 99)).isCloseTo(99.99, within(1e-9));
        assertThat(HistogramStats.percentile(values, counts, 0.5)).isEqualTo(1.0);
    }

    @Test
    void matchesJmhsEstimatorOnTheExpandedSamples() {
        SyntheticForks.Histogram h = new SyntheticForks(7).histogram(5_000, 2.0, 0.3);
        double[] expanded = h.expanded();
        for (double p : new double[] {50, 90, 95, 99}) {
            assertThat(HistogramStats.percentile(h.values(), h.counts(), p))
                    .as("p%s", p)
                    .isCloseTo(new Percentile().evaluate(expanded, p), within(1e-12));
        }
        assertThat(Metric.MEAN.of(h.values(), h.counts()))
                .isCloseTo(java.util.Arrays.stream(expanded).average().orElseThrow(), within(1e-9));
    }
}
