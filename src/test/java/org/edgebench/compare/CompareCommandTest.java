package org.edgebench.compare;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompareCommandTest {

    @TempDir
    Path tmp;

    private List<SyntheticForks.Histogram> b1;
    private List<SyntheticForks.Histogram> b8;
    private List<SyntheticForks.Histogram> b1Again;
    private List<SyntheticForks.Histogram> b8Again;

    private String stdout;
    private String stderr;

    @BeforeEach
    void forks() {
        SyntheticForks gen = new SyntheticForks(11);
        b1 = gen.forkHistograms(5, 2_000, 0.55, 0.2, 0.02);
        b8 = gen.forkHistograms(5, 2_000, 3.1, 0.2, 0.02);
        b1Again = gen.forkHistograms(5, 2_000, 0.55, 0.2, 0.02);
        b8Again = gen.forkHistograms(5, 2_000, 3.1, 0.2, 0.02);
    }

    @Test
    void sameBuildTwiceIsNoRegressionAndWritesAllFiles() throws IOException {
        Path baseline = run("base", 1.0, 1.0);
        Path candidate = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.0, b1Again)
                .sample(JmhFixture.params(8), "ms/op", 1.0, b8Again).writeRun(tmp.resolve("cand"), "amd64", "h");
        Path out = tmp.resolve("out");

        assertThat(compare(baseline.toString(), candidate.toString(), "--out", out.toString())).isZero();
        assertThat(stdout).contains("| student CPU b1 t1 |").contains("0 regressed");
        assertThat(out.resolve("comparison.csv")).exists();
        assertThat(out.resolve("comparison.md")).content().isEqualTo(stdout);
        assertThat(out.resolve("charts/comparison.png")).isNotEmptyFile();
        assertThat(stderr).contains("wrote " + out);
    }

    @Test
    void tenPercentSlowerCopyRegressesWithExitOne() throws IOException {
        Path baseline = run("base", 1.0, 1.0);
        Path candidate = run("cand", 1.10, 1.0);

        assertThat(compare(baseline.toString(), candidate.toString(), "--out", tmp.resolve("out").toString()))
                .isEqualTo(1);
        assertThat(stdout).containsPattern("\\| student CPU b1 t1 \\| [0-9.]+ ms \\| [0-9.]+ ms \\| \\+10\\.0% \\|.*\\*\\*regressed\\*\\*");
        assertThat(stdout).containsPattern("\\| student CPU b8 t1 \\|.*\\| \\+0\\.0% \\|.*unchanged");
        assertThat(stdout).contains("**1 regressed**");
        List<String> csv = Files.readAllLines(tmp.resolve("out/comparison.csv"));
        assertThat(csv.get(0)).startsWith("configuration,status,metric,unit,direction,baseline_forks");
        assertThat(csv).anyMatch(l -> l.startsWith("student CPU b1 t1,compared,p50,ms,lower is better,5,5,") && l.contains(",regressed,"));
    }

    @Test
    void markdownTableHasAHeaderAndOneRowPerConfiguration() {
        Path baseline = run("base", 1.0, 1.0);
        Path candidate = run("cand", 0.8, 1.0);

        assertThat(compare(baseline.toString(), candidate.toString(), "--metric", "p95", "--out", tmp.resolve("o").toString()))
                .isZero();
        List<String> table = stdout.lines().filter(l -> l.startsWith("|")).toList();
        assertThat(table).hasSize(4);
        assertThat(table.get(0)).isEqualTo("| Configuration | Baseline | Candidate | Change | 95% CI | p (Holm) | Forks | Verdict | Why |");
        assertThat(table.get(1)).isEqualTo("|---|---:|---:|---:|---|---:|---:|---|---|");
        assertThat(table.get(2)).contains("| -20.0% |").contains("| 5/5 |").contains("**improved**");
        assertThat(stdout).startsWith("### EdgeBench comparison: p95, threshold 5.0%");
    }

    @Test
    void unmatchedConfigurationsAreListedNotDropped() throws IOException {
        Path baseline = run("base", 1.0, 1.0);
        Path candidate = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.0, b1Again)
                .sample(JmhFixture.params(32), "ms/op", 1.0, b8Again).writeRun(tmp.resolve("cand"), null, null);

        assertThat(compare(baseline.toString(), candidate.toString(), "--out", tmp.resolve("o").toString())).isZero();
        assertThat(stdout).contains("Only in the baseline (not compared): `student CPU b8 t1`")
                .contains("Only in the candidate (not compared): `student CPU b32 t1`")
                .contains("1 only in baseline, 1 only in candidate");
        assertThat(Files.readString(tmp.resolve("o/comparison.csv"))).doesNotContain("\r")
                .contains("student CPU b8 t1,only-in-baseline").contains("student CPU b32 t1,only-in-candidate");
    }

    @Test
    void differentTimeUnitsAreConverted() {
        Path baseline = run("base", 1.0, 1.0);
        Path candidate = new JmhFixture().sample(JmhFixture.params(1), "us/op", 1000.0, b1)
                .sample(JmhFixture.params(8), "us/op", 1000.0, b8).writeRun(tmp.resolve("cand"), null, null);

        assertThat(compare(baseline.toString(), candidate.toString(), "--out", tmp.resolve("o").toString())).isZero();
        assertThat(stdout).containsPattern("\\| student CPU b1 t1 \\|.*\\| \\+0\\.0% \\|");
    }

    @Test
    void throughputLowerIsARegressionHigherAnImprovement() {
        double[][] base = {{1000, 1010}, {990, 1000}, {1005, 995}, {1002, 998}, {1000, 1001}};
        double[][] slower = scale(base, 0.85);
        double[][] faster = scale(base, 1.15);
        Path b = new JmhFixture().throughput(JmhFixture.params(1), base).writeRun(tmp.resolve("b"), null, null);
        Path s = new JmhFixture().throughput(JmhFixture.params(1), slower).writeRun(tmp.resolve("s"), null, null);
        Path f = new JmhFixture().throughput(JmhFixture.params(1), faster).writeRun(tmp.resolve("f"), null, null);

        assertThat(compare(b.toString(), s.toString(), "--out", tmp.resolve("o1").toString())).isEqualTo(1);
        assertThat(stdout).contains("(higher is better)").contains("ops/s (mean)").contains("-15.0%");
        assertThat(compare(b.toString(), f.toString(), "--out", tmp.resolve("o2").toString())).isZero();
        assertThat(stdout).contains("**improved**");
    }

    @Test
    void tooFewForksIsInconclusiveAndExitsZero() {
        Path baseline = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.0, b1.subList(0, 2))
                .writeRun(tmp.resolve("b"), null, null);
        Path candidate = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.5, b1Again.subList(0, 2))
                .writeRun(tmp.resolve("c"), null, null);

        assertThat(compare(baseline.toString(), candidate.toString(), "--out", tmp.resolve("o").toString())).isZero();
        assertThat(stdout).contains("inconclusive").contains("2 vs 2 forks can never be significant");
        assertThat(stderr).contains("EdgeBench: warning: 1 configuration(s) inconclusive: student CPU b1 t1; "
                + "not a pass on evidence");
    }

    /**
     * The same forks on both sides, 10% apart from each other: +0.0%, but an interval far wider
     * than the band. Exit 0 with a warning, and exit 1 with --strict.
     */
    @Test
    void wideIntervalIsInconclusiveWarnsAndFailsOnlyWhenStrict() {
        List<SyntheticForks.Histogram> spread = new SyntheticForks(16).forkHistograms(5, 2_000, 0.55, 0.2, 0.10);
        Path baseline = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.0, spread)
                .sample(JmhFixture.params(8), "ms/op", 1.0, b8).writeRun(tmp.resolve("b"), null, null);
        Path candidate = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.0, spread)
                .sample(JmhFixture.params(8), "ms/op", 1.0, b8).writeRun(tmp.resolve("c"), null, null);

        assertThat(compare(baseline.toString(), candidate.toString(), "--out", tmp.resolve("o1").toString())).isZero();
        assertThat(stdout).containsPattern("\\| student CPU b1 t1 \\|.*\\| \\+0\\.0% \\|.*\\| inconclusive \\| within 5\\.0% "
                + "but the interval is [0-9.]+% wide .*about \\d+ more forks per side")
                .containsPattern("\\| student CPU b8 t1 \\|.*\\| unchanged \\|");
        assertThat(stderr).contains("EdgeBench: warning: 1 configuration(s) inconclusive: student CPU b1 t1; "
                + "not a pass on evidence (--strict makes this exit 1)");

        assertThat(compare("--strict", baseline.toString(), candidate.toString(), "--out", tmp.resolve("o2").toString()))
                .isEqualTo(1);
        assertThat(stderr).contains("not a pass on evidence (--strict: exit 1)");
        assertThat(compare("--strict", baseline.toString(), baseline.toString(), "--metric", "p50",
                "--out", tmp.resolve("o3").toString())).isEqualTo(1);
    }

    @Test
    void strictPassesWhenEveryIntervalIsInsideTheBand() {
        Path baseline = run("base", 1.0, 1.0);
        Path candidate = run("cand", 1.0, 1.0);
        assertThat(compare("--strict", baseline.toString(), candidate.toString(), "--out", tmp.resolve("o").toString()))
                .isZero();
        assertThat(stderr).doesNotContain("warning");
        assertBadInput(List.of("--strict", "--label", "x=" + baseline, "--label", "y=" + candidate), "--strict gates");
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        Path baseline = run("base", 1.0, 1.0);
        Path other = new JmhFixture().sample(java.util.Map.of("model", "other"), "ms/op", 1.0, b1)
                .writeRun(tmp.resolve("other"), null, null);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path notJmh = Files.writeString(tmp.resolve("not-jmh.json"), "{\"benchmarks\": []}");
        Path notJson = Files.writeString(tmp.resolve("notes.txt"), "hello");

        assertBadInput(List.of(baseline.toString(), other.toString()), "no configuration in common");
        assertBadInput(List.of(baseline.toString(), empty.toString()), "without jmh.json");
        assertBadInput(List.of(baseline.toString(), notJmh.toString()), "is not JMH JSON");
        assertBadInput(List.of(baseline.toString(), notJson.toString()), "not valid JSON");
        assertBadInput(List.of(baseline.toString()), "needs BASELINE and CANDIDATE");
        assertBadInput(List.of(baseline.toString(), baseline.toString(), "--metric", "p42"), "unknown metric");
        assertBadInput(List.of("--label", "a=" + baseline), "at least two runs");
    }

    /**
     * Three alternated rounds whose machine state moves both builds by -10% to +25%: paired, the
     * 10% slowdown stands out; the pairs and the pooled runs are named in the table.
     */
    @Test
    void pairedAlternatedRunsSeeTenPercentThroughDrift() {
        double[] drift = {1.0, 1.25, 0.9};
        StringBuilder bases = new StringBuilder();
        StringBuilder cands = new StringBuilder();
        for (int r = 0; r < drift.length; r++) {
            bases.append(r == 0 ? "" : ",").append(run("base-" + r, drift[r], drift[r]));
            cands.append(r == 0 ? "" : ",").append(new JmhFixture()
                    .sample(JmhFixture.params(1), "ms/op", 1.10 * drift[r], b1Again)
                    .sample(JmhFixture.params(8), "ms/op", drift[r], b8Again).writeRun(tmp.resolve("cand-" + r), "amd64", "h"));
        }

        assertThat(compare("--paired", bases.toString(), cands.toString(), "--out", tmp.resolve("paired").toString()))
                .isEqualTo(1);
        assertThat(stdout).containsPattern("\\| student CPU b1 t1 \\|.*\\| \\+[0-9.]+% \\|.*\\| 15 pairs \\| \\*\\*regressed\\*\\*")
                .containsPattern("\\| student CPU b8 t1 \\|.*\\| 15 pairs \\| unchanged")
                .contains("base-0/jmh.json` and 2 more runs").contains("Wilcoxon signed-rank");
        String b1Row = stdout.lines().filter(l -> l.startsWith("| student CPU b1 t1 |")).findFirst().orElseThrow();
        assertThat(b1Row).containsPattern("\\| \\+(9\\.[5-9]|10\\.[0-5])% \\|");
        assertThat(tmp.resolve("paired/charts/comparison.png")).isNotEmptyFile();
    }

    @Test
    void pairedNeedsAsManyRunsOnEachSide() {
        Path a = run("a", 1.0, 1.0);
        Path b = run("b", 1.0, 1.0);
        assertBadInput(List.of("--paired", a + "," + b, a.toString()), "--paired needs as many baseline runs as candidate runs");
        assertBadInput(List.of("--paired", "--label", "x=" + a, "--label", "y=" + b), "--paired compares BASELINE and CANDIDATE");
    }

    @Test
    void runsSideBySideMarkOtherMachinesAndGiveRatiosNotVerdicts() throws IOException {
        Path x86 = run("x86", 1.0, 1.0);
        Path x86Again = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.0, b1Again)
                .sample(JmhFixture.params(8), "ms/op", 1.0, b8Again).writeRun(tmp.resolve("x86b"), "amd64", "h");
        Path arm = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 2.0, b1)
                .sample(JmhFixture.params(8), "ms/op", 2.0, b8).writeRun(tmp.resolve("arm"), "aarch64", "pi5");
        Path out = tmp.resolve("side");

        assertThat(compare("--label", "x86-cpu=" + x86, "--label", "x86-again=" + x86Again,
                "--label", "pi5=" + arm, "--out", out.toString())).isZero();
        assertThat(stdout).contains("| pi5 / CPU | `").contains("**arch amd64 vs aarch64")
                .contains("#### p50").contains("#### p99")
                .contains("| Configuration | x86-cpu / CPU | x86-again / CPU | pi5 / CPU |");
        String b1Row = stdout.lines().filter(l -> l.startsWith("| student b1 t1 |")).findFirst().orElseThrow();
        // The same forks at twice the latency: the median ratio is exactly 2, its interval brackets it, and no verdict.
        assertThat(b1Row).containsPattern("2\\.00x slower \\[1\\.9\\dx, 2\\.0\\dx\\] \\|$");
        assertThat(b1Row).containsPattern("same within noise \\(1\\.00x \\[0\\.9\\dx, 1\\.0\\dx\\]\\); unchanged \\|")
                .doesNotContain("regressed");
        assertThat(out.resolve("charts/comparison_p50.png")).isNotEmptyFile();
        assertThat(out.resolve("charts/comparison_mean.png")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("comparison.csv")))
                .contains("student b1 t1,p50,pi5 / CPU,pi5,CPU,ms,5,")
                .containsPattern(",2,1\\.9\\d*,2\\.0\\d*,slower,,,false");
    }

    @Test
    void exportsGithubActionBenchmarkFormats() throws IOException {
        Path baseline = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.0, b1)
                .throughput(JmhFixture.params(8), new double[][] {{100, 102}, {98, 99}})
                .writeRun(tmp.resolve("b"), null, null);
        Path gab = tmp.resolve("gab");

        assertThat(compare(baseline.toString(), "--gab-out", gab.toString())).isZero();
        String smaller = Files.readString(gab.resolve(GabExport.SMALLER_FILE));
        String bigger = Files.readString(gab.resolve(GabExport.BIGGER_FILE));
        assertThat(smaller).contains("\"name\" : \"OrtSessionRunBenchmark.run sample student CPU b1 t1 p50\"").contains("\"unit\" : \"ms\"")
                .contains("p95").contains("p99");
        assertThat(bigger).contains("\"name\" : \"OrtSessionRunBenchmark.run thrpt student CPU b8 t1 throughput\"").contains("\"unit\" : \"ops/s\"")
                .contains("\"value\" : 99.75");
    }

    private void assertBadInput(List<String> args, String message) {
        assertThat(compare(args.toArray(String[]::new))).as("%s", args).isEqualTo(2);
        assertThat(stderr.strip()).as("%s", args).contains(message).doesNotContain("\n").doesNotContain("Exception");
    }

    private Path run(String name, double scaleB1, double scaleB8) {
        return new JmhFixture().sample(JmhFixture.params(1), "ms/op", scaleB1, b1)
                .sample(JmhFixture.params(8), "ms/op", scaleB8, b8).writeRun(tmp.resolve(name), "amd64", "h");
    }

    private static double[][] scale(double[][] forks, double factor) {
        double[][] out = new double[forks.length][];
        for (int i = 0; i < forks.length; i++) {
            out[i] = SyntheticForks.scaled(forks[i], factor);
        }
        return out;
    }

    private int compare(String... args) {
        CompareRun run = CompareRun.of(args);
        stdout = run.stdout();
        stderr = run.stderr();
        return run.exit();
    }
}
