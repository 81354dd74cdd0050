package org.edgebench.compare;

import org.edgebench.count.InstructionCount;
import org.edgebench.count.InstructionsCsv;
import org.edgebench.run.Configuration;
import org.edgebench.run.RunFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code compare} with instruction counts beside the timed runs: the table, the flags, and what they do to the exit code. */
class InstructionComparisonTest {

    private static final long B1 = 8_569_944;
    private static final long B8 = 66_727_401;

    @TempDir
    Path tmp;

    private List<SyntheticForks.Histogram> b1;
    private List<SyntheticForks.Histogram> b8;

    @BeforeEach
    void forks() {
        SyntheticForks gen = new SyntheticForks(11);
        b1 = gen.forkHistograms(5, 2_000, 0.55, 0.2, 0.02);
        b8 = gen.forkHistograms(5, 2_000, 3.1, 0.2, 0.02);
    }

    @Test
    void aHeavierCountIsFlaggedAtOnceBesideAnUnchangedTimedVerdict() throws IOException {
        Path baseline = counted(run("base", "amd64"), B1, B8);
        Path candidate = counted(run("cand", "amd64"), Math.round(B1 * 1.032), B8 + 1_000);
        Path out = tmp.resolve("out");

        CompareRun compared = CompareRun.of(baseline.toString(), candidate.toString(), "--out", out.toString());
        assertThat(compared.exit()).as("the timed verdict decides: the same forks on both sides").isZero();
        assertThat(compared.stdout()).contains("0 regressed")
                .contains("#### Instructions per inference (callgrind, 1 intra-op thread), threshold 0.5%")
                .contains("| Configuration | Baseline | Candidate | Change | Flag |")
                .contains("| student CPU b1 t1 | 8,569,944 | 8,844,182 | +3.20% | **heavier** |")
                .contains("| student CPU b8 t1 | 66,727,401 | 66,728,401 | +0.00% | same (within 0.5%) |")
                .contains("cannot see memory stalls, cache misses, threads, the JIT or clock frequency");
        assertThat(compared.stderr()).contains("EdgeBench: instructions +3.20%: heavier: student CPU b1 t1 "
                + "(8,569,944 -> 8,844,182 instructions per inference)").doesNotContain("b8 t1 (")
                .contains(RunFiles.INSTRUCTIONS_COMPARISON_CSV);
        assertThat(out.resolve("comparison.md")).content().contains("**heavier**");
        assertThat(Files.readAllLines(out.resolve(RunFiles.INSTRUCTIONS_COMPARISON_CSV))).containsExactly(
                "configuration,status,baseline_instructions_per_inference,candidate_instructions_per_inference,change_pct,threshold_pct,flag",
                "student CPU b1 t1,compared,8569944.0,8844182.0,3.2,0.5,heavier",
                "student CPU b8 t1,compared,66727401.0,66728401.0,0.00149863,0.5,same");

        assertThat(CompareRun.of(baseline.toString(), candidate.toString(), "--fail-on-instructions",
                "--out", tmp.resolve("o2").toString()).exit()).as("opted in: a heavier count fails").isEqualTo(1);
        CompareRun wide = CompareRun.of(baseline.toString(), candidate.toString(), "--instructions-threshold", "5",
                "--fail-on-instructions", "--out", tmp.resolve("o3").toString());
        assertThat(wide.exit()).isZero();
        assertThat(wide.stdout()).contains("threshold 5%").contains("| +3.20% | same (within 5%) |");
        assertThat(wide.stderr()).doesNotContain("heavier");
    }

    @Test
    void aLighterCountIsFlaggedButNeverFails() {
        Path baseline = counted(run("base", "amd64"), B1, B8);
        Path candidate = counted(run("cand", "amd64"), Math.round(B1 * 0.97), B8);
        CompareRun compared = CompareRun.of(baseline.toString(), candidate.toString(), "--fail-on-instructions",
                "--out", tmp.resolve("o").toString());
        assertThat(compared.exit()).isZero();
        assertThat(compared.stdout()).contains("| -3.00% | **lighter** |");
        assertThat(compared.stderr()).contains("EdgeBench: instructions -3.00%: lighter: student CPU b1 t1");
    }

    @Test
    void oneSideWithoutCountsIsSaidAndFailingOnThemIsBadInput() {
        Path baseline = run("base", "amd64");
        Path candidate = counted(run("cand", "amd64"), B1, B8);
        CompareRun compared = CompareRun.of(baseline.toString(), candidate.toString(), "--out", tmp.resolve("o").toString());
        assertThat(compared.exit()).isZero();
        assertThat(compared.stdout()).contains("Only the candidate has instruction counts (instructions.csv); count the other"
                + " with `count --into RUN_DIR`.").doesNotContain("| Flag |");
        assertThat(tmp.resolve("o").resolve(RunFiles.INSTRUCTIONS_COMPARISON_CSV)).doesNotExist();

        CompareRun failing = CompareRun.of(baseline.toString(), candidate.toString(), "--fail-on-instructions",
                "--out", tmp.resolve("o2").toString());
        assertThat(failing.exit()).isEqualTo(2);
        assertThat(failing.stderr().strip()).contains("--fail-on-instructions needs instructions.csv on both sides"
                + " (only the candidate has one)").doesNotContain("\n");

        CompareRun neither = CompareRun.of(baseline.toString(), baseline.toString(), "--out", tmp.resolve("o3").toString());
        assertThat(neither.stdout()).doesNotContain("Instructions per inference");
    }

    @Test
    void countsOfAnotherArchitectureAreShownButNotFlagged() {
        Path baseline = counted(run("x86", "amd64"), B1, B8);
        Path candidate = counted(run("arm", "aarch64"), Math.round(B1 * 1.5), B8);
        CompareRun compared = CompareRun.of(baseline.toString(), candidate.toString(), "--fail-on-instructions",
                "--out", tmp.resolve("o").toString());
        assertThat(compared.exit()).isZero();
        assertThat(compared.stdout()).contains("> counted on different architectures (amd64, aarch64)")
                .contains("| +50.00% | not comparable |");
        assertThat(compared.stderr()).doesNotContain("heavier");
    }

    @Test
    void pooledRunsTakeTheCountOfTheirFirstCountedRun() {
        Path base1 = run("base-1", "amd64");
        Path base2 = counted(run("base-2", "amd64"), B1, B8);
        Path cand1 = counted(run("cand-1", "amd64"), Math.round(B1 * 1.01), B8);
        Path cand2 = counted(run("cand-2", "amd64"), B1, B8);
        CompareRun compared = CompareRun.of("--paired", base1 + "," + base2, cand1 + "," + cand2, "--out", tmp.resolve("o").toString());
        assertThat(compared.stdout()).contains("| student CPU b1 t1 | 8,569,944 | 8,655,643 | +1.00% | **heavier** |");
    }

    @Test
    void foldersHoldingOnlyCountsCompareTheirCounts() throws IOException {
        Path baseline = counted(Files.createDirectories(tmp.resolve("count-a")), B1, B8);
        Path candidate = counted(Files.createDirectories(tmp.resolve("count-b")), B1 + 100, Math.round(B8 * 1.01));
        Path out = tmp.resolve("o");
        CompareRun compared = CompareRun.of(baseline.toString(), candidate.toString(), "--out", out.toString());
        assertThat(compared.exit()).isZero();
        assertThat(compared.stdout()).startsWith("### EdgeBench instruction counts")
                .contains("- Baseline: `" + baseline + "` (environment unknown (no env.json))")
                .contains("| student CPU b1 t1 | 8,569,944 | 8,570,044 | +0.00% | same (within 0.5%) |")
                .contains("| +1.00% | **heavier** |");
        assertThat(out.resolve("comparison.md")).content().isEqualTo(compared.stdout());
        assertThat(out.resolve(RunFiles.INSTRUCTIONS_COMPARISON_CSV)).exists();
        assertThat(CompareRun.of(baseline.toString(), candidate.toString(), "--fail-on-instructions",
                "--out", tmp.resolve("o2").toString()).exit()).isEqualTo(1);
        CompareRun paired = CompareRun.of("--paired", baseline.toString(), candidate.toString(), "--out", tmp.resolve("o3").toString());
        assertThat(paired.exit()).isEqualTo(2);
        assertThat(paired.stderr()).contains("need timed runs");
    }

    @Test
    void anUnreadableCountIsBadInput() throws IOException {
        Path baseline = run("base", "amd64");
        Path candidate = run("cand", "amd64");
        Files.writeString(candidate.resolve(InstructionsCsv.FILE), "benchmark,model\nx,y\n");
        CompareRun compared = CompareRun.of(baseline.toString(), candidate.toString(), "--out", tmp.resolve("o").toString());
        assertThat(compared.exit()).isEqualTo(2);
        assertThat(compared.stderr().strip()).contains("instructions.csv has no column provider; count again with `count --into RUN_DIR`")
                .doesNotContain("\n");
    }

    private Path run(String name, String arch) {
        return new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.0, b1)
                .sample(JmhFixture.params(8), "ms/op", 1.0, b8).writeRun(tmp.resolve(name), arch, "h");
    }

    /** Writes {@code instructions.csv} into {@code dir} with the given instructions per call at batch 1 and 8. */
    private static Path counted(Path dir, long perCallB1, long perCallB8) {
        List<InstructionCount> counts = List.of(count(1, perCallB1), count(8, perCallB8));
        StringWriter text = new StringWriter();
        try {
            InstructionsCsv.write(counts, text);
            Files.writeString(dir.resolve(InstructionsCsv.FILE), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static InstructionCount count(int batch, long perCall) {
        Configuration c = Configuration.planned("org.edgebench.bench.OrtSessionRunBenchmark.run", 1, JmhFixture.params(batch));
        return new InstructionCount(c, 1, 3, perCall + 3_000, 3 * perCall + 3_000, "3.19.0");
    }
}
