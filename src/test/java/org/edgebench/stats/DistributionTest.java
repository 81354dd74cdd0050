package org.edgebench.stats;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.edgebench.compare.SyntheticForks;
import org.edgebench.report.Fixtures;
import org.edgebench.results.Histogram;
import org.edgebench.results.JmhJson;
import org.edgebench.results.JmhResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DistributionTest {

    @TempDir
    Path dir;

    /** Our percentiles from the summed histograms agree with the ones JMH computed from the same samples. */
    @Test
    void percentilesFollowJmhsRule() {
        for (JmhResult result : JmhJson.read(Fixtures.copy(Fixtures.SAMPLE, dir, "s.json"))) {
            Distribution d = Distribution.ofHistograms(result);
            for (double p : new double[]{0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 100.0}) {
                assertThat(d.percentile(p)).as(result.params() + " P" + p)
                        .isCloseTo(result.scorePercentiles().get(p), within(1e-9));
            }
            assertThat(d.mean()).isCloseTo(result.score(), within(1e-9));
        }
    }

    @Test
    void sumsEqualValuesAcrossIterations() {
        JmhResult result = new JmhResult("a.B.m", "sample", 1, 1, Map.of(), "us/op", 1.5, 0.1, Map.of(),
                List.of(List.of(new Histogram(new double[]{1000, 2000}, new long[]{1, 2}),
                        new Histogram(new double[]{2000, 3000}, new long[]{3, 4}))), List.of(), Map.of());

        Distribution d = Distribution.ofHistograms(result);

        assertThat(d.valuesMs()).containsExactly(1.0, 2.0, 3.0);
        assertThat(d.counts()).containsExactly(1, 5, 4);
        assertThat(d.total()).isEqualTo(10);
        assertThat(d.percentile(50)).isEqualTo(2.0);
    }

    @Test
    void singleShotsAreOneSampleEach() {
        JmhResult ss = JmhJson.read(Fixtures.copy(Fixtures.SS, dir, "ss.json")).get(0);

        Distribution d = Distribution.ofRawData(ss);

        assertThat(d.total()).isEqualTo(ss.rawData().stream().mapToLong(List::size).sum());
        assertThat(d.percentile(50)).isCloseTo(ss.scorePercentiles().get(50.0), within(1e-9));
    }

    @Test
    void percentileInterpolatesAtPTimesNPlusOne() {
        double[] values = new double[100];
        long[] counts = new long[100];
        for (int i = 0; i < 100; i++) {
            values[99 - i] = i + 1;
            counts[99 - i] = 1;
        }
        Distribution d = Distribution.of(values, counts);
        assertThat(d.percentile(50)).isEqualTo(50.5);
        assertThat(d.percentile(99)).isCloseTo(99.99, within(1e-9));
        assertThat(d.percentile(0.5)).isEqualTo(1.0);
    }

    @Test
    void matchesJmhsEstimatorOnTheExpandedSamples() {
        SyntheticForks.Histogram h = new SyntheticForks(7).histogram(5_000, 2.0, 0.3);
        double[] expanded = h.expanded();
        for (double p : new double[] {50, 90, 95, 99}) {
            assertThat(Distribution.of(h.values(), h.counts()).percentile(p))
                    .as("p%s", p)
                    .isCloseTo(new Percentile().evaluate(expanded, p), within(1e-12));
        }
        assertThat(Metric.MEAN.of(h.values(), h.counts()))
                .isCloseTo(Arrays.stream(expanded).average().orElseThrow(), within(1e-9));
    }

    /** Values in any order, repeated or with no samples, count once each; the percentiles skip values no sample had. */
    @Test
    void ofSortsAndSumsParallelArrays() {
        Distribution d = Distribution.of(new double[] {3, 1, 2, 1, 4}, new long[] {4, 1, 2, 3, 0});

        assertThat(d.valuesMs()).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(d.counts()).containsExactly(4, 2, 4, 0);
        assertThat(d.total()).isEqualTo(10);
        assertThat(d.mean()).isEqualTo(2.0);
        assertThat(d.percentile(100)).isEqualTo(3.0);
        assertThat(Distribution.of(new double[0], new long[0]).percentile(50)).isNaN();
    }
}
