package org.edgebench.compare;

import org.edgebench.BadInputException;
import org.edgebench.results.JmhResult;
import org.edgebench.run.Configuration;
import org.edgebench.stats.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several runs of one side pool their forks per configuration. */
class PooledRunsTest {

    private static final Path RUN = Paths.get("src/test/resources/compare/ci-run-b1.json");

    @TempDir
    Path dir;

    @Test
    void poolingRunsAddsTheirForks() {
        Run one = Run.load("one", RUN);
        Run two = Run.loadAll("two", List.of(RUN, RUN));
        assertThat(two.results().keySet()).isEqualTo(one.results().keySet());
        for (Configuration.Key key : one.results().keySet()) {
            JmhResult single = one.results().get(key);
            JmhResult pooled = two.results().get(key);
            assertThat(pooled.forks()).isEqualTo(2 * single.forks());
            assertThat(pooled.rawDataHistogram()).hasSize(2 * single.rawDataHistogram().size());
        }
    }

    @Test
    void pooledSidesOfOneRunShowNoChangeAndHaveTheForksToCount() {
        Comparison comparison = Comparison.of(Run.loadAll("a", List.of(RUN, RUN)), Run.loadAll("b", List.of(RUN, RUN)),
                Metric.P50, RegressionCheck.withThreshold(0.05));
        // A copy of a run adds forks but no new information: the interval stays as wide as one run's.
        assertThat(comparison.rows()).isNotEmpty().allSatisfy(row -> {
            assertThat(row.finding().change()).isZero();
            assertThat(row.finding().verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(row.finding().samples().baseline()).hasSize(2 * Run.load("one", RUN).results().get(
                    Run.load("one", RUN).results().keySet().iterator().next()).forks());
        });
    }

    @Test
    void runsInDifferentUnitsAreNotPooled() throws Exception {
        Path microseconds = dir.resolve("us.json");
        Files.writeString(microseconds, Files.readString(RUN).replace("\"ms/op\"", "\"us/op\""));
        assertThatThrownBy(() -> Run.loadAll("a", List.of(RUN, microseconds)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("same unit");
    }
}
