package org.edgebench.text;

import org.edgebench.stats.Ratio;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The wording of speed-ups: faster, slower, within noise, and no interval from one fork. */
class RatioTextTest {

    private static final Ratio FASTER = new Ratio(1.8, 1.6, 2.0, 2, 2);
    private static final Ratio ALSO_FASTER = new Ratio(1.1, 1.04, 1.2, 2, 2);
    private static final Ratio NOISE = new Ratio(0.97, 0.91, 1.04, 2, 2);
    private static final Ratio SLOWER = new Ratio(0.8, 0.625, 0.9, 2, 2);
    private static final Ratio ONE_FORK = new Ratio(1.5, Double.NaN, Double.NaN, 1, 2);

    @Test
    void aFasterProviderIsSaidOnceWithEachInterval() {
        assertThat(RatioText.sentence("XNNPACK", "CPU", List.of(new RatioText.At("at batch 1", FASTER),
                new RatioText.At("at batch 32", ALSO_FASTER))))
                .isEqualTo("XNNPACK is 1.80x faster than CPU at batch 1 [1.60x, 2.00x], 1.10x at batch 32 [1.04x, 1.20x]");
    }

    @Test
    void withinNoiseGivesTheRatioAndItsIntervalInBrackets() {
        assertThat(RatioText.sentence("XNNPACK", "CPU", List.of(new RatioText.At("at batch 8", NOISE))))
                .isEqualTo("XNNPACK is within noise of CPU at batch 8 (0.97x [0.91x, 1.04x])");
    }

    @Test
    void slowerIsSaidAsHowManyTimesSlowerWithTheIntervalOfThat() {
        assertThat(RatioText.sentence("XNNPACK", "CPU", List.of(new RatioText.At("at batch 32", SLOWER))))
                .isEqualTo("XNNPACK is 1.25x slower than CPU at batch 32 [1.11x, 1.60x]");
    }

    @Test
    void aDirectionIsNamedWhereItChanges() {
        assertThat(RatioText.sentence("XNNPACK", "CPU", List.of(new RatioText.At("at batch 1", FASTER),
                new RatioText.At("at batch 8", NOISE), new RatioText.At("at batch 16", ALSO_FASTER),
                new RatioText.At("at batch 32", SLOWER))))
                .isEqualTo("XNNPACK is 1.80x faster than CPU at batch 1 [1.60x, 2.00x], within noise at batch 8"
                        + " (0.97x [0.91x, 1.04x]), 1.10x faster at batch 16 [1.04x, 1.20x], 1.25x slower at batch 32 [1.11x, 1.60x]");
    }

    @Test
    void oneForkSaysThereIsNoInterval() {
        assertThat(RatioText.sentence("XNNPACK", "CPU", List.of(new RatioText.At("", ONE_FORK))))
                .isEqualTo("XNNPACK is 1.50x faster than CPU (1 fork: no interval)");
        assertThat(RatioText.cell(Optional.of(ONE_FORK))).isEqualTo("1.50x (1 fork: no interval)");
    }

    @Test
    void cellsMarkNoiseAndMissingRatios() {
        assertThat(RatioText.cell(Optional.of(FASTER))).isEqualTo("1.80x [1.60x, 2.00x]");
        assertThat(RatioText.cell(Optional.of(NOISE))).isEqualTo("0.97x [0.91x, 1.04x] within noise");
        assertThat(RatioText.cell(Optional.empty())).isEqualTo("-");
    }

    @Test
    void theNoiseSummaryNamesWhatIsWithinNoise() {
        assertThat(RatioText.noise(List.of(FASTER, SLOWER), List.of("a", "b"))).isEqualTo("none within noise");
        assertThat(RatioText.noise(List.of(FASTER, NOISE), List.of("a", "b"))).isEqualTo("within noise: b");
        assertThat(RatioText.noise(List.of(NOISE, NOISE), List.of("a", "b"))).isEqualTo("all within noise");
        assertThat(RatioText.noise(List.of(ONE_FORK), List.of("a"))).isEqualTo("no interval (1 fork)");
        assertThat(RatioText.noise(List.of(FASTER, ONE_FORK), List.of("a", "b")))
                .isEqualTo("none within noise; 1 without an interval (1 fork)");
    }
}
