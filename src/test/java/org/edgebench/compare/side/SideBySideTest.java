package org.edgebench.compare.side;

import org.edgebench.compare.CompareRun;
import org.edgebench.compare.JmhFixture;
import org.edgebench.compare.SyntheticForks;
import org.edgebench.stats.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code compare --label NAME=RUN ...}: providers, machines and builds side by side. */
class SideBySideTest {

    @TempDir
    Path tmp;

    private String stdout;
    private String stderr;

    /** The README's example, on a real recorded CPU run and its relabelled XNNPACK copy (see compare/README.md). */
    @Test
    void theReadmeExamplePairsACpuRunWithAnXnnpackBoardRun() throws IOException {
        Path x86 = recorded("report/fixtures/sample", "x86");
        Path pi5 = recorded("compare/pi5-xnnpack", "pi5");
        Path out = tmp.resolve("out");

        assertThat(compare("--label", "x86-cpu=" + x86, "--label", "pi5-xnnpack=" + pi5, "--out", out.toString()))
                .as(stderr).isZero();
        assertThat(stdout).contains("| Configuration | x86-cpu / CPU | pi5-xnnpack / XNNPACK |")
                .contains("arch amd64 vs aarch64").contains("host vm vs pi5").contains("provider CPU vs XNNPACK")
                .contains("native libraries from the jar vs /opt/onnxruntime-xnnpack/lib").contains("ratio only, no verdict");
        // The copy's latencies are 0.55x at batch 1, 0.9x at batch 8 and 1x at batch 32, so the ratios of
        // medians are exact; with two forks a side the intervals are wide, and at batch 8 it holds 1.
        assertThat(row("student b1 t0")).containsPattern("1\\.82x faster \\[1\\.\\d\\dx, \\d\\.\\d\\dx\\] \\|$");
        assertThat(row("student b8 t0")).containsPattern("(1\\.11x faster|same within noise \\(0\\.90x) \\[");
        assertThat(row("student b32 t0")).containsPattern("same within noise \\(1\\.00x \\[0\\.\\d\\dx, 1\\.\\d\\dx\\]\\) \\|$");
        assertThat(stdout).doesNotContain("regressed").doesNotContain("unchanged");
        for (Metric metric : Metric.values()) {
            Path chart = out.resolve(MultiComparisonOutput.chartFile(metric));
            BufferedImage image = ImageIO.read(chart.toFile());
            assertThat(image.getWidth()).as(chart.toString()).isGreaterThanOrEqualTo(800);
            assertThat(colours(image)).as("%s has dots and whiskers drawn, not only background", chart).isGreaterThan(20);
        }
        List<String> csv = Files.readAllLines(out.resolve("comparison.csv"));
        assertThat(csv.get(0)).isEqualTo("configuration,metric,column,run,provider,unit,forks,value,ratio,ratio_ci_low,"
                + "ratio_ci_high,versus_reference,p_holm,verdict,same_machine_as_reference");
        assertThat(csv).anyMatch(l -> l.startsWith("student b1 t0,p50,pi5-xnnpack / XNNPACK,pi5-xnnpack,XNNPACK,ms,2,")
                && l.matches(".*,0\\.55,0\\.[0-9]+,0\\.[0-9]+,faster,,,false"));
        assertThat(csv).hasSize(1 + 3 * 2 * Metric.values().length);
    }

    /**
     * Two real recordings (compare/README.md): the CPU run of the jar's ONNX Runtime 1.29.0 and an XNNPACK run of
     * Debian 13's ONNX Runtime 1.21.0 (scripts/system-ort.sh), on the same machine: a build comparison, so ratios only.
     */
    @Test
    void aCpuRunAndARealXnnpackRunOfTheDistributionsBuildSideBySide() throws IOException {
        Path x86 = recorded("report/fixtures/sample", "x86");
        Path debian = recorded("compare/debian-xnnpack", "debian");
        Path out = tmp.resolve("out");

        assertThat(compare("--label", "x86-cpu=" + x86, "--label", "debian-xnnpack=" + debian, "--out", out.toString()))
                .as(stderr).isZero();
        assertThat(stdout).contains("| Configuration | x86-cpu / CPU | debian-xnnpack / XNNPACK |")
                .contains("ONNX Runtime 1.29.0 vs 1.21.0").contains("provider CPU vs XNNPACK")
                .contains("native libraries from the jar vs /work/wt-distro/target/system-ort/native-amd64-1.21.0")
                .contains("ratio only, no verdict").doesNotContain("regressed").doesNotContain("unchanged");
        // The recorded P50s (median over two forks a side): 0.504 against 0.582 ms at batch 1, 3.373 against
        // 2.367 ms at batch 8, 13.87 against 8.823 ms at batch 32.
        assertThat(row("student b1 t0")).contains("| 0.504 ms | 0.582 ms, same within noise (1.15x [");
        assertThat(row("student b8 t0")).contains("| 3.373 ms | 2.367 ms, 1.42x faster [");
        assertThat(row("student b32 t0")).contains("| 13.87 ms | 8.823 ms, 1.57x faster [");
    }

    @Test
    void aRunWithTwoProvidersGivesTwoColumnsAndTheSameProviderOnTheSameMachineGetsAVerdict() throws IOException {
        SyntheticForks gen = new SyntheticForks(3);
        List<SyntheticForks.Histogram> forks = gen.forkHistograms(5, 2_000, 0.5, 0.1, 0.01);
        Path pc = new JmhFixture().sample(params("CPU"), "ms/op", 1.0, forks).writeRun(tmp.resolve("pc"), "amd64", "h");
        Path both = new JmhFixture().sample(params("CPU"), "ms/op", 1.0, forks).sample(params("XNNPACK"), "ms/op", 0.5, forks)
                .writeRun(tmp.resolve("both"), "amd64", "h");

        assertThat(compare("--label", "pc=" + pc, "--label", "build=" + both, "--metric", "p50",
                "--out", tmp.resolve("o").toString())).as(stderr).isZero();
        assertThat(stdout).contains("| Configuration | pc / CPU | build / CPU | build / XNNPACK |");
        String row = row("student b1 t1");
        // The same forks on both sides: the interval is the forks' own spread, and 1 is in it.
        assertThat(row).containsPattern("same within noise \\(1\\.00x \\[0\\.9\\dx, 1\\.0\\dx\\]\\); unchanged \\|");
        assertThat(row).containsPattern("2\\.00x faster \\[1\\.9\\dx, 2\\.0\\dx\\] \\|$");
    }

    @Test
    void badPairingsAreOneLineWithExitTwo() throws IOException {
        SyntheticForks gen = new SyntheticForks(5);
        List<SyntheticForks.Histogram> forks = gen.forkHistograms(3, 1_000, 0.5, 0.1, 0.01);
        Path a = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.0, forks).writeRun(tmp.resolve("a"), "amd64", "h");
        Path otherBatch = new JmhFixture().sample(JmhFixture.params(8), "ms/op", 1.0, forks).writeRun(tmp.resolve("b"), "amd64", "h");
        Path throughput = new JmhFixture().throughput(JmhFixture.params(1), new double[][]{{100, 101}, {99, 100}})
                .writeRun(tmp.resolve("t"), "amd64", "h");

        assertBadInput("no configuration in common between the runs a, b (matched on model, batch size",
                "--label", "a=" + a, "--label", "b=" + otherBatch);
        assertBadInput("is already in the comparison under another name", "--label", "a=" + a, "--label", "again=" + a);
        assertBadInput("--label a is given twice", "--label", "a=" + a, "--label", "a=" + otherBatch);
        assertBadInput("expected NAME=RUN", "--label", "a=" + a, "--label", "b=");
        assertBadInput("expected NAME=RUN", "--label", "a=" + a, "--label", otherBatch.toString());
        assertBadInput("a measures latency (time per call) but t measures throughput (-bm thrpt)",
                "--label", "a=" + a, "--label", "t=" + throughput);
    }

    private static Map<String, String> params(String provider) {
        Map<String, String> params = new HashMap<>(JmhFixture.params(1));
        params.put("provider", provider);
        return params;
    }

    private String row(String label) {
        return stdout.lines().filter(l -> l.startsWith("| " + label + " |")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in\n" + stdout));
    }

    private Path recorded(String resource, String name) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        for (String file : List.of("jmh.json", "env.json")) {
            try (InputStream in = SideBySideTest.class.getResourceAsStream("/" + resource + "/" + file)) {
                Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    private static long colours(BufferedImage image) {
        return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth())).distinct().count();
    }

    private void assertBadInput(String message, String... args) {
        assertThat(compare(args)).as("%s", List.of(args)).isEqualTo(2);
        assertThat(stderr.strip()).as("%s", List.of(args)).contains(message).doesNotContain("\n").doesNotContain("Exception");
    }

    private int compare(String... args) {
        CompareRun run = CompareRun.of(args);
        stdout = run.stdout();
        stderr = run.stderr();
        return run.exit();
    }
}
