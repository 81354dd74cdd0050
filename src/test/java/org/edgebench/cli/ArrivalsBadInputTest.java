package org.edgebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad open-loop options stop before any fork starts, with exit code 2, one line, and no run folder. */
class ArrivalsBadInputTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final BadInputCapture launcher = new BadInputCapture();

    private String failsWithOneLine(String... args) {
        String[] withOut = new String[args.length + 2];
        withOut[0] = "--out";
        withOut[1] = dir.resolve("run").toString();
        System.arraycopy(args, 0, withOut, 2, args.length);
        String line = launcher.failsWithOneLine(withOut);
        assertThat(Files.exists(dir.resolve("run"))).as("a run folder for %s", line).isFalse();
        return line;
    }

    @Test
    void aRateOfZero() {
        assertThat(failsWithOneLine("--arrivals", "0/s")).contains("a rate is more than 0 requests, was '0/s'");
    }

    @Test
    void aRateWithoutItsUnit() {
        assertThat(failsWithOneLine("--arrivals", "30")).contains("the rate '30' has no unit").contains("30/s");
        assertThat(failsWithOneLine("--arrivals", "poisson:500")).contains("has no unit");
    }

    @Test
    void somethingThatIsNoRate() {
        assertThat(failsWithOneLine("--arrivals", "fast")).contains("'fast' is not a rate");
    }

    @Test
    void aSweepWithoutABudget() {
        assertThat(failsWithOneLine("--arrivals", "sweep")).contains("give the budget with --slo-ms");
    }

    @Test
    void aRateBeyondWhatTheHarnessCanIssue() {
        assertThat(failsWithOneLine("--arrivals", "poisson:5000000/s")).contains("beyond what this harness can issue");
        assertThat(failsWithOneLine("--arrivals", "5000%")).contains("more than 1000% of the closed-loop maximum");
    }

    @Test
    void companionsWithoutArrivals() {
        assertThat(failsWithOneLine("--workers", "2")).contains("--workers only apply to an open-loop run");
    }

    @Test
    void badCompanions() {
        assertThat(failsWithOneLine("--arrivals", "30/s", "--arrivals-for", "20")).contains("a duration with its unit");
        assertThat(failsWithOneLine("--arrivals", "30/s", "--workers", "0")).contains("--workers takes whole numbers of 1 or more");
        assertThat(failsWithOneLine("--arrivals", "30/s", "--max-wait-ms", "-1", "--max-batch", "4")).contains("a wait is 0 ms or more");
        assertThat(failsWithOneLine("--arrivals", "30/s", "--slo-percentile", "100")).contains("--slo-percentile");
    }

    @Test
    void arrivalsWithoutTheSessionBenchmark() {
        assertThat(failsWithOneLine("--arrivals", "30/s", "SessionColdStartBenchmark"))
                .contains("--arrivals serves OrtSessionRunBenchmark's session");
    }
}
