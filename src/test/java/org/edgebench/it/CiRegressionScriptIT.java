package org.edgebench.it;

import org.edgebench.count.InstructionCount;
import org.edgebench.count.InstructionsCsv;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/ci-regression.sh refuses bad input with one line and exit 2 before it builds or runs
 * anything, runs the jar's {@code turns} for --against, and tells a failed run from a regression (the
 * full-length checks are minutes long and measured by hand, docs/compare.md).
 */
class CiRegressionScriptIT {

    @TempDir
    Path tmp;

    @Test
    void unknownRevisionIsBadInput() throws Exception {
        assertBadInput(Map.of(), "unknown revision 'no-such-revision-here'", "--against", "no-such-revision-here");
    }

    @Test
    void againstWithoutARevisionIsBadInput() throws Exception {
        assertBadInput(Map.of(), "--against needs a revision", "--against");
    }

    @Test
    void roundsMustBeAWholeNumber() throws Exception {
        assertBadInput(Map.of("EDGEBENCH_ROUNDS", "0"), "EDGEBENCH_ROUNDS must be a whole number >= 1", "--against", "HEAD");
        assertBadInput(Map.of("EDGEBENCH_FORKS", "two"), "EDGEBENCH_FORKS must be a whole number >= 1", "--against", "HEAD");
    }

    @Test
    void missingBaselineNamesBothWaysOut() throws Exception {
        assertBadInput(Map.of(), "no baseline benchmarks/baselines/no-such-baseline.json", "no-such-baseline");
    }

    /**
     * A jar java cannot start stands in for a run that failed (java exits 1, as the launcher does
     * when a configuration fails): exit 3, and no confirming run, since a failure is no regression.
     */
    @Test
    void failedRunIsAFailureNotARegression() throws Exception {
        Path jar = Files.writeString(tmp.resolve("not-a.jar"), "not a jar");
        Path run = tmp.resolve("run");
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "scripts/ci-regression.sh", "ci"))
                .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(err.toFile());
        builder.environment().put("EDGEBENCH_JAR", jar.toString());
        builder.environment().put("EDGEBENCH_RUN_DIR", run.toString());
        Process process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stderr).isEqualTo(3);
        assertThat(stderr).contains("the run into " + run + " failed (exit 1)").doesNotContain("confirm");
        assertThat(tmp.resolve("run-confirm")).doesNotExist();
    }

    /**
     * The looks, end to end on two short rounds of the quick suite (this jar as both builds, with
     * iterations of 100 ms): the first look, one pair, can never decide, so compare exits 4 and a
     * second round runs; the second look is the last, so the check ends there and points at its comparison.
     */
    @Test
    void looksAddRoundsUntilTheLastLook() throws Exception {
        Path run = tmp.resolve("against");
        Finished check = againstHead(run, Map.of("EDGEBENCH_ROUNDS", "2", "EDGEBENCH_BLOCK", "1",
                "EDGEBENCH_JAVA_OPTS", "-Djmh.ignoreLock=true", "EDGEBENCH_COUNT", "0"), 5, "the check ended",
                "-p", "intraOpThreads=1");
        String stderr = check.stderr();

        assertThat(check.exit()).as(stderr).isZero();
        assertThat(stderr).contains("taking turns on CPU", "look 1 of 2 undecided; 1 more round(s)",
                "decided at look 2 of 2", "inconclusive", "not a pass on evidence");
        assertThat(run.resolve("look-1/cand/comparison.md")).exists();
        assertThat(run.resolve("turns-1.csv")).content().startsWith("round,build\n").contains(",base\n").contains(",cand\n");
        // Runs that are only compared skip the report (--no-report).
        assertThat(run.resolve("cand-1/jmh.json")).exists();
        assertThat(run.resolve("base-2/env.json")).exists();
        assertThat(run.resolve("cand-1/summary.txt")).doesNotExist();
        assertThat(run.resolve("base-2/charts")).doesNotExist();
        assertThat(run.resolve("compare").toRealPath()).isEqualTo(run.resolve("look-2/cand").toRealPath());
        assertThat(Files.readString(run.resolve("compare/comparison.md"))).contains("look 2 of 2 (2 pairs");
    }

    /**
     * Runs whose JVMs cannot start (a heap too small for anything) end the check with exit 3 naming
     * the run that failed first, without hanging the other build's run, which the engine stops (a
     * single failing side while the other measures is TurnTakingTest's).
     */
    @Test
    void aRunThatFailsEndsTheCheckAsAFailedRun() throws Exception {
        Path run = tmp.resolve("turns");
        Finished check = againstHead(run, Map.of("EDGEBENCH_JAVA_OPTS", "-Xmx1m", "EDGEBENCH_COUNT", "0"), 3, "the check ended");
        assertThat(check.exit()).as(check.stderr()).isEqualTo(3);
        assertThat(check.stderr()).contains("taking turns").containsPattern("(base|cand) run 1 failed \\(exit 1\\)");
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("edgebench-turns"))
                    .filter(n -> Files.exists(Path.of(System.getProperty("java.io.tmpdir"), n, "base.go")))).isEmpty();
        }
    }

    /**
     * The gate's instruction counts, end to end: a count whose counting JVM crashes is counted once
     * more and the check goes on (a valgrind on PATH that fails its first callgrind run, exit 134 as
     * when the JVM under it aborts, stands in for the crash); the two builds, this one jar, count the
     * student model at batch 1 within 0.1% of each other; and compare reads the counts. The counts,
     * two JVMs side by side under valgrind, are the slow part, so this one check shows all three.
     */
    @Test
    void aCountThatCrashesIsCountedOnceMoreAndTwoCountsOfOneJarAgree() throws Exception {
        Path valgrind;
        try {
            valgrind = which("valgrind");
        } catch (AssertionError missing) {
            assertThat(System.getenv("CI")).as("valgrind not found; .ci/run installs it").isNotEqualTo("true");
            Assumptions.assumeTrue(false, "valgrind not found");
            return;
        }
        Path bin = Files.createDirectories(tmp.resolve("crash-once"));
        Path crashed = tmp.resolve("crashed");
        Path fake = Files.writeString(bin.resolve("valgrind"), "#!/bin/sh\n"
                + "case \"$*\" in *--tool=callgrind*) if [ ! -e '" + crashed + "' ]; then : > '" + crashed + "'; exit 134; fi ;; esac\n"
                + "exec '" + valgrind + "' \"$@\"\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        Path run = tmp.resolve("recount");
        Finished check = againstHead(run, Map.of("EDGEBENCH_ROUNDS", "1", "EDGEBENCH_BLOCK", "1",
                "PATH", bin + ":" + System.getenv("PATH")), 8, "the check ended");
        assertThat(check.exit()).as(check.stderr()).isZero();
        assertThat(check.stderr()).containsPattern("(base|cand)-count failed \\(exit [0-9]+\\); counting again, try 2 of 3");

        // The quick suite asks for ONNX Runtime's own thread count; the count is of one thread.
        assertThat(run.resolve("base-count.log")).content()
                .contains("intraOpThreads=0 counted at 1: the count is of single-threaded work")
                .contains("intra-op threads 1, spinning off (single-threaded work)")
                .containsPattern("student CPU b1 t1 +1\\.\\.3 +[0-9,]+ +[0-9,]+")
                .contains("EdgeBench: wrote " + run.resolve("base-count") + " (instructions.csv, env.json)");
        assertThat(run.resolve("base-count/env.json")).exists();
        double base = perInference(run.resolve("base-1"));
        double cand = perInference(run.resolve("cand-1"));
        assertThat(base).as("the student model at batch 1 is millions of instructions").isGreaterThan(1e6);
        assertThat(Math.abs(cand / base - 1)).as("%s and %s instructions per inference", base, cand).isLessThan(0.001);
        assertThat(Files.readString(run.resolve("compare/comparison.md"))).contains("Instructions per inference")
                .contains("same (within 0.5%)");
    }

    /** The one configuration's instructions per inference in a run's instructions.csv, counted at one intra-op thread. */
    private static double perInference(Path run) throws Exception {
        List<InstructionCount> counts = InstructionsCsv.read(run.resolve(InstructionsCsv.FILE));
        assertThat(counts).hasSize(1);
        InstructionCount count = counts.get(0);
        assertThat(count.configuration().intraOpThreads()).isEqualTo("1");
        return count.perInference();
    }

    /** EDGEBENCH_TURNS_OFF=1 alternates whole runs, as with a base build that cannot take turns. */
    @Test
    void turnsOffAlternatesWholeRuns() throws Exception {
        Finished check = againstHead(tmp.resolve("alternated"), Map.of("EDGEBENCH_ROUNDS", "1", "EDGEBENCH_BLOCK", "1",
                "EDGEBENCH_TURNS_OFF", "1", "EDGEBENCH_JAVA_OPTS", "-Djmh.ignoreLock=true", "EDGEBENCH_COUNT", "0"), 3, "the check ended");
        assertThat(check.exit()).as(check.stderr()).isZero();
        assertThat(check.stderr()).contains("one run after another in a shuffled order, 1 fork(s) each").doesNotContain("taking turns");
    }

    @Test
    void countSettingMustBeZeroOrOne() throws Exception {
        assertBadInput(Map.of("EDGEBENCH_COUNT", "yes"), "EDGEBENCH_COUNT must be 0 (no instruction counts) or 1", "--against", "HEAD");
        assertBadInput(Map.of("EDGEBENCH_TURNS_OFF", "yes"), "EDGEBENCH_TURNS_OFF must be 0 (take turns when both builds can) or 1",
                "--against", "HEAD");
    }

    /** Without valgrind, CI=true is bad input before anything runs; elsewhere the count is skipped with one line. */
    @Test
    void missingValgrindFailsUnderCiAndIsSkippedElsewhere() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("dirname", "cut", "nproc", "awk", "java")) {
            Path target = tool.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java") : which(tool);
            Files.createSymbolicLink(bin.resolve(tool), target);
        }
        Map<String, String> withoutValgrind = Map.of("PATH", bin.toString(), "CI", "true");
        ScriptRun.assertBadInput("ci-regression.sh", tmp, withoutValgrind,
                "ci-regression: valgrind not found, and CI=true needs the instruction counts: install it (Debian: apt-get install valgrind", "ci");

        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/bash", "scripts/ci-regression.sh", "ci"))
                .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(err.toFile());
        builder.environment().put("PATH", bin.toString());
        builder.environment().remove("CI");
        builder.environment().put("EDGEBENCH_JAR", Files.writeString(tmp.resolve("not-a.jar"), "not a jar").toString());
        builder.environment().put("EDGEBENCH_RUN_DIR", tmp.resolve("run2").toString());
        Process process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(stderr).contains("ci-regression: valgrind not found: instruction counts skipped (to see them beside the timed"
                + " verdict, install it: Debian: apt-get install valgrind)");
        assertThat(process.exitValue()).as("the timed run goes ahead (and fails on the broken jar)").isEqualTo(3);
    }

    /** What a finished check left: its exit code and its stderr. */
    private record Finished(int exit, String stderr) {
    }

    /**
     * {@code ci-regression.sh --against HEAD} with this jar as the base build (EDGEBENCH_BASE_JAR) on
     * the quick suite into {@code run}, plus {@code env}, with iterations of 100 ms (these checks are
     * of the wiring, not of a verdict) and then {@code runOptions}; it must end within {@code minutes}.
     */
    private Finished againstHead(Path run, Map<String, String> env, int minutes, String ending, String... runOptions) throws Exception {
        Path err = tmp.resolve("stderr.txt");
        List<String> command = new java.util.ArrayList<>(List.of("bash", "scripts/ci-regression.sh", "--against", "HEAD",
                "--", "-wi", "1", "-w", "100ms", "-i", "3", "-r", "100ms"));
        command.addAll(List.of(runOptions));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(err.toFile());
        builder.environment().putAll(Map.of("EDGEBENCH_BASE_JAR", "target/benchmarks.jar", "EDGEBENCH_SUITE", "quick",
                "EDGEBENCH_RUN_DIR", run.toString()));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(minutes, TimeUnit.MINUTES)).as(ending).isTrue();
        return new Finished(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " not on PATH");
    }

    private void assertBadInput(Map<String, String> env, String message, String... args) throws Exception {
        ScriptRun.assertBadInput("ci-regression.sh", tmp, env, message, args);
    }
}
