package org.edgebench.compare;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonOutputTest {

    /** The paired chart names the level of the intervals it draws, as the table does: 98.3% at a look of three. */
    @Test
    void pairedChartSaysTheLevelOfItsIntervals() {
        RegressionCheck oneLook = RegressionCheck.withThreshold(0.05).pairedForks();
        RegressionCheck lookOfThree = new RegressionCheck(0.05, 0.05 / 3, RegressionCheck.DEFAULT_RESAMPLES, true);

        assertThat(ComparisonOutput.pairedSubtitle(oneLook)).contains("whisker: 95% interval").contains("threshold 5.0%");
        assertThat(ComparisonOutput.pairedSubtitle(lookOfThree)).contains("whisker: 98.3% interval");
    }
}
