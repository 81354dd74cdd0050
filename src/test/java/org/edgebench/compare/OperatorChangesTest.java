package org.edgebench.compare;

import org.edgebench.profile.OperatorProfile;
import org.edgebench.profile.OrtTrace;
import org.edgebench.profile.TraceFixtures;
import org.edgebench.report.Fixtures;
import org.edgebench.text.Numbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compare} of two runs with {@code --profile} traces: the recorded run {@code fixtures/sample}
 * twice, the baseline with the recorded trace at batch 1 and the candidate with a copy whose Conv
 * kernels take 0.8 of the time (a constructed trace, not a measurement).
 */
class OperatorChangesTest {

    private static final String TRACE = "profile/student_CPU_b1_t0.json";

    @TempDir
    Path tmp;

    @Test
    void twoProfiledRunsGetEachOperatorTypesTimeBeforeAndAfterWithoutAnInterval() throws IOException {
        Path baseline = run("base");
        Path candidate = run("cand");
        TraceFixtures.writeRecorded(baseline.resolve(TRACE));
        TraceFixtures.relabel(baseline.resolve(TRACE), candidate.resolve(TRACE), "Conv", "CPUExecutionProvider", 0.8);
        OperatorProfile before = OperatorProfile.of(OrtTrace.read(baseline.resolve(TRACE)));
        OperatorProfile after = OperatorProfile.of(OrtTrace.read(candidate.resolve(TRACE)));
        double conv = after.usPerOpType().get("Conv") / before.usPerOpType().get("Conv") - 1;
        Path out = tmp.resolve("out");

        CompareRun compare = CompareRun.of(baseline.toString(), candidate.toString(), "--out", out.toString());

        assertThat(compare.exit()).as(compare.stderr()).isZero();
        String md = compare.stdout();
        assertThat(md).contains("\n### Where the time goes: operator types, baseline vs candidate (--profile)\n\n"
                        + "One profiled fork per run: no interval; the timed comparison above is the verdict.\n\n"
                        + "| Configuration | Operator type | Baseline \u00b5s | Candidate \u00b5s | Change |\n|---|---|---:|---:|---:|\n"
                        + "| student CPU b1 t0 | Conv | " + Numbers.us(before.usPerOpType().get("Conv")) + " | "
                        + Numbers.us(after.usPerOpType().get("Conv")) + " | " + Numbers.change(conv) + " |\n",
                "|  | Gemm | " + Numbers.us(before.usPerOpType().get("Gemm")) + " | " + Numbers.us(after.usPerOpType().get("Gemm"))
                        + " | +0.0% |\n",
                "|  | all kernels | " + Numbers.us(before.kernelUs()) + " | " + Numbers.us(after.kernelUs()) + " | ");
        assertThat(Numbers.change(conv)).isEqualTo("-20.0%");
        assertThat(Pattern.compile("^\\| (student CPU b1 t0)? \\|", Pattern.MULTILINE)
                .matcher(md.substring(md.indexOf("### Where the time goes"))).results().count())
                .as("one row per operator type, and all kernels").isEqualTo(before.operators().size() + 1);
        assertThat(md.indexOf("### Where the time goes")).as("after the timed verdicts").isGreaterThan(md.indexOf("Values are medians"));
        assertThat(out.resolve("comparison.md")).content().isEqualTo(md);
    }

    @Test
    void oneProfiledSideSaysSoAndNeitherSaysNothing() throws IOException {
        Path baseline = run("base");
        Path candidate = run("cand");
        TraceFixtures.writeRecorded(baseline.resolve(TRACE));

        CompareRun one = CompareRun.of(baseline.toString(), candidate.toString(), "--out", tmp.resolve("one").toString());
        Files.delete(baseline.resolve(TRACE));
        CompareRun neither = CompareRun.of(baseline.toString(), candidate.toString(), "--out", tmp.resolve("neither").toString());

        assertThat(one.stdout()).contains("### Where the time goes: operator types, baseline vs candidate (--profile)\n\n"
                + "Only the baseline has operator profiles (--profile), so there are none to set side by side.\n");
        assertThat(neither.stdout()).doesNotContain("Where the time goes", "profile");
    }

    @Test
    void aTraceThatCannotBeReadIsNamed() throws IOException {
        Path baseline = run("base");
        Path candidate = run("cand");
        TraceFixtures.writeRecorded(baseline.resolve(TRACE));
        Files.createDirectories(candidate.resolve("profile"));
        Files.writeString(candidate.resolve(TRACE), "{}");

        CompareRun compare = CompareRun.of(baseline.toString(), candidate.toString(), "--out", tmp.resolve("out").toString());

        assertThat(compare.stdout()).contains("- not read: candidate: no operator profile for student CPU b1 t0: ",
                "Only the baseline has operator profiles");
    }

    private Path run(String name) {
        Path dir = tmp.resolve(name);
        Fixtures.copy("fixtures/sample/jmh.json", dir, "jmh.json");
        Fixtures.copy("fixtures/sample/env.json", dir, "env.json");
        return dir;
    }
}
