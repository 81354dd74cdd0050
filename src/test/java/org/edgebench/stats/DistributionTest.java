package org.edgebench.stats;

import org.edgebench.report.Fixtures;
import org.edgebench.results.Histogram;
import org.edgebench.results.JmhJson;
import org.edgebench.results.JmhResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
}
