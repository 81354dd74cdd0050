package org.edgebench.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MedianTest {

    @Test
    void middleValueOrMeanOfTheMiddleTwo() {
        assertThat(Median.of(new double[] {7})).isEqualTo(7.0);
        assertThat(Median.of(new double[] {3, 1, 2})).isEqualTo(2.0);
        assertThat(Median.of(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void leavesItsInputAlone() {
        double[] values = {3, 1, 2};
        Median.of(values);
        assertThat(values).containsExactly(3, 1, 2);
    }
}
