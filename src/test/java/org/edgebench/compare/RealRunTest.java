package org.edgebench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import org.edgebench.stats.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A real ci-suite run from the development machine (5 forks, batch size 1, a busy 2-core VM):
 * its forks' P50s spread from 0.459 to 0.607 ms, which bounds what 5 forks can tell.
 */
class RealRunTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    @Test
    void aRunAgainstItselfIsInconclusiveWithForksThisSpread() throws Exception {
        Run run = Run.load("run", fixture());
        Comparison c = Comparison.of(run, run, Metric.P50, RegressionCheck.withThreshold(0.05));

        // No change at all, yet the interval of 5 forks this spread reaches far beyond +-5%.
        assertThat(c.rows()).singleElement().satisfies(row -> {
            assertThat(row.finding().verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(row.finding().reason()).contains("47.8% wide").contains("about 138 more forks per side");
            assertThat(row.finding().change()).isZero();
            assertThat(row.finding().samples().baseline()).hasSize(5);
        });
    }

    @Test
    void tenPercentInjectedIsSeenButNotCalledWithForksThisSpread() throws Exception {
        Finding f = compareWithScaledCopy(1.10);

        assertThat(f.change()).isCloseTo(0.10, within(1e-9));
        assertThat(f.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(f.reason()).contains("not significant");
    }

    @Test
    void fortyPercentInjectedRegresses() throws Exception {
        Finding f = compareWithScaledCopy(1.40);

        assertThat(f.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(f.pValue()).isCloseTo(2.0 / 252, within(1e-12));
    }

    private Finding compareWithScaledCopy(double factor) throws Exception {
        Run baseline = Run.load("baseline", fixture());
        Run candidate = Run.load("candidate", scaledCopy(factor));
        return Comparison.of(baseline, candidate, Metric.P50, RegressionCheck.withThreshold(0.05))
                .rows().get(0).finding();
    }

    /** The fixture with every sampled value multiplied by {@code factor}: the same forks, slower. */
    private Path scaledCopy(double factor) throws IOException, URISyntaxException {
        JsonNode root = JSON.readTree(fixture().toFile());
        for (JsonNode entry : root) {
            for (JsonNode fork : entry.path("primaryMetric").path("rawDataHistogram")) {
                for (JsonNode iteration : fork) {
                    for (JsonNode pair : iteration) {
                        ((ArrayNode) pair).set(0, DoubleNode.valueOf(pair.get(0).asDouble() * factor));
                    }
                }
            }
        }
        Path copy = tmp.resolve("scaled.json");
        JSON.writeValue(copy.toFile(), root);
        return copy;
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(RealRunTest.class.getResource("/compare/ci-run-b1.json")).toURI());
    }
}
