package org.edgebench.arrivals;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TailBoundTest {

    @Test
    void p99NeedsLoadGensSampleCount() {
        assertThat(TailBound.samplesNeeded(0.99)).isEqualTo(662);
        assertThat(TailBound.samplesNeeded(0.999)).isBetween(6600L, 6700L);
        assertThat(TailBound.samplesNeeded(0.95)).isBetween(120L, 140L);
    }

    @Test
    void tooFewSamplesHaveNoBoundNotTheirMaximum() {
        Histogram h = uniform(661);

        assertThat(TailBound.of(h, 0.99)).isEmpty();
    }

    @Test
    void enoughSamplesBoundAtTheLargestWhenJustEnough() {
        Histogram h = uniform(662);

        assertThat(TailBound.of(h, 0.99)).hasValue(h.highestEquivalentValue(662));
    }

    @Test
    void manySamplesBoundAboveThePercentileButBelowTheMaximum() {
        Histogram h = uniform(100_000);

        long bound = TailBound.of(h, 0.99).orElseThrow();

        assertThat(bound).isGreaterThan(h.getValueAtPercentile(99)).isLessThan(99_500);
    }

    private static Histogram uniform(int n) {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= n; i++) {
            h.recordValue(i);
        }
        return h;
    }
}
