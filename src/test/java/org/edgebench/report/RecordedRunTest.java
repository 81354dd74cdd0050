package org.edgebench.report;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVRecord;
import org.edgebench.analysis.BatchAdvisor;
import org.edgebench.report.chart.ChartStyle;
import org.edgebench.results.Histogram;
import org.edgebench.results.JmhJson;
import org.edgebench.results.JmhResult;
import org.edgebench.text.Numbers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report of real runs of this suite ({@code fixtures/}, recorded by the launcher with the
 * memory profiler and env.json's {@code run} section; see resources/report/README.md), and of the
 * variants made from them: {@code cases/interrupted}, the gc run as if it had been cut short after
 * a failure, and {@code cases/providers}, the sample run with a relabelled second provider.
 */
class RecordedRunTest {

    private static final Map<String, Double> PERCENTILES = Map.of("p50_ms", 50.0, "p90_ms", 90.0, "p95_ms", 95.0,
            "p99_ms", 99.0, "p999_ms", 99.9, "max_ms", 100.0);

    @TempDir
    Path dir;

    /** summary.txt and latency.csv match the reviewed copies in resources/report/golden. */
    @Tag("golden")
    @ParameterizedTest
    @ValueSource(strings = {"fixtures/sample", "fixtures/gc", "fixtures/thrpt", "fixtures/avgt", "fixtures/ss", "cases/interrupted",
            "cases/providers"})
    void matchesGoldenFiles(String folder) throws IOException {
        Path run = Fixtures.recordedRun(folder, dir);

        Report.write(run, null, BatchAdvisor.DEFAULT_SLO_MS);

        String golden = folder.replace('/', '-');
        String summary = Files.readString(run.resolve("summary.txt")).replace(run.resolve("jmh.json").toString(), "<input>");
        Golden.assertMatches(summary, golden + ".summary.txt");
        Golden.assertMatches(Files.readString(run.resolve("latency.csv")), golden + ".latency.csv");
    }

    /** Each row reads back as JMH's own numbers in ms, with the memory profiler's metrics beside them. */
    @ParameterizedTest
    @ValueSource(strings = {"sample", "gc", "thrpt", "avgt", "ss"})
    void latencyCsvReadsBackAsJmhsNumbers(String name) throws IOException {
        Path run = Fixtures.recordedRun("fixtures/" + name, dir);
        List<JmhResult> results = JmhJson.read(run);

        Report.write(run, null, 100);

        List<CSVRecord> rows = ReportTest.csv(run.resolve("latency.csv"));
        assertThat(rows).hasSize(results.size());
        assertThat(rows.get(0).getParser().getHeaderNames()).endsWith("peak_rss_mb", "tensor_mb");
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            JmhResult jmh = results.get(i);
            assertThat(row.get("mode")).isEqualTo(jmh.mode());
            assertThat(row.get("batch_size")).isEqualTo(jmh.params().get("batchSize"));
            assertThat(Long.parseLong(row.get("samples"))).as("samples").isEqualTo(expectedSamples(jmh));
            // The CSV keeps six significant digits; thrpt's mean is the reciprocal of its rate.
            assertClose(row, "mean_ms", jmh.toMillis(jmh.score()));
            boolean distribution = jmh.mode().equals("sample") || jmh.mode().equals("ss");
            for (Map.Entry<String, Double> p : PERCENTILES.entrySet()) {
                if (distribution) {
                    assertClose(row, p.getKey(), jmh.toMillis(jmh.scorePercentiles().get(p.getValue())));
                } else {
                    assertThat(row.get(p.getKey())).as(p.getKey()).isEmpty();
                }
            }
            assertClose(row, "peak_rss_mb", jmh.secondaryMetrics().get("mem.rss.peak").score());
            assertClose(row, "tensor_mb", jmh.secondaryMetrics().get("mem.tensors").score());
        }
    }

    /** SampleTime: the calls in the histograms; SingleShotTime: the shots; thrpt and avgt: the iterations. */
    private static long expectedSamples(JmhResult jmh) {
        if (jmh.mode().equals("sample")) {
            return jmh.rawDataHistogram().stream().flatMap(List::stream).mapToLong(Histogram::total).sum();
        }
        return jmh.rawData().stream().mapToLong(List::size).sum();
    }

    @Test
    void sampleSummaryNamesTheSkippedProviderAndTheMemory() throws IOException {
        Path run = Fixtures.recordedRun("fixtures/sample", dir);

        Report.write(run, null, 100);

        String summary = Files.readString(run.resolve("summary.txt"));
        assertThat(summary).contains("== Providers skipped ==\nXNNPACK: not in this ONNX Runtime build (available: CPU)\n")
                .contains("Run: complete, 3 of 3 configurations finished\n")
                .contains("RSS MB  tensors MB")
                .doesNotContain("interrupted");
    }

    /** ss has no batch charts (a cold call is another question), so only the box plot, iterations and histograms. */
    @ParameterizedTest
    @CsvSource({"sample, 7", "gc, 6", "ss, 4"})
    void everyChartDecodesAndIsDrawnAndTheHtmlHoldsIt(String name, int charts) throws IOException {
        Path run = Fixtures.recordedRun("fixtures/" + name, dir);

        Report.write(run, null, 100);

        String html = Files.readString(run.resolve("index.html"));
        List<Path> pngs;
        try (Stream<Path> files = Files.list(run.resolve("charts"))) {
            pngs = files.toList();
        }
        assertThat(pngs).hasSize(charts);
        for (Path png : pngs) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(ChartStyle.WIDTH);
            assertThat(image.getHeight()).isEqualTo(ChartStyle.HEIGHT);
            assertThat(ReportTest.inkFraction(image)).as("share of non-white pixels in " + png).isGreaterThan(0.02);
            assertThat(html).contains("<img src=\"charts/" + png.getFileName() + "\"");
        }
        assertThat(html).contains("<h3>student</h3>", "<th>P95 ms</th>", "<th>RSS MB</th>", "<th>tensors MB</th>")
                .contains("<td class=\"num\">" + Numbers.mb(JmhJson.read(run).get(0).secondaryMetrics().get("mem.tensors").score()) + "</td>");
    }

    @Test
    void anInterruptedRunSaysSoAndNamesTheFailure() throws IOException {
        Path run = Fixtures.recordedRun("cases/interrupted", dir);

        Report.write(run, null, 100);

        String summary = Files.readString(run.resolve("summary.txt"));
        assertThat(summary).contains("Run: INTERRUPTED, 2 of 4 configurations finished, 1 failed (see Warnings)\n")
                .contains("- the run was interrupted: 2 of 4 configurations finished; the tables and charts show only those\n")
                .contains("- failed, so missing from the tables: student CPU b32 t0: no result: the fork failed (its error is printed above)\n");
        assertThat(summary.indexOf("interrupted")).as("said before the P99 warnings").isLessThan(summary.indexOf("P99 rests"));
        assertThat(Files.readString(run.resolve("summary.md"))).contains("**INTERRUPTED, 2 of 4 configurations finished");
        String html = Files.readString(run.resolve("index.html"));
        assertThat(html).contains("<p class=\"partial\">Run: INTERRUPTED, 2 of 4 configurations finished")
                .contains("<li>failed, so missing from the tables: student CPU b32 t0: no result: the fork failed");
    }

    @Test
    void aRunThatStoppedWithoutAnInterruptOrAtAFailureIsNotCalledComplete() throws IOException {
        Path killed = Fixtures.recordedRun("fixtures/thrpt", dir.resolve("killed"));
        editRun(killed, 5, 2, false, false);
        Path stopped = Fixtures.recordedRun("fixtures/thrpt", dir.resolve("stopped"));
        editRun(stopped, 5, 2, true, false);

        Report.write(killed, null, 100);
        Report.write(stopped, null, 100);

        assertThat(Files.readString(killed.resolve("summary.txt")))
                .contains("Run: NOT FINISHED, 2 of 5 configurations finished (see Warnings)")
                .contains("- the run did not reach its end (still running, or the launcher was killed): 2 of 5 configurations finished;");
        assertThat(Files.readString(stopped.resolve("summary.txt")))
                .contains("Run: INCOMPLETE, 2 of 5 configurations finished (see Warnings)")
                .contains("- 2 of 5 configurations finished; the tables and charts show only those (3 not run)");
    }

    @Test
    void aRunStoppedForJmhsLockSaysWhyAndCountsNothingAsFailed() throws IOException {
        Path run = Fixtures.recordedRun("fixtures/thrpt", dir.resolve("lock"));
        editRun(run, 5, 2, false, false);
        String why = "another JMH run holds JMH's lock /tmp/jmh.lock (pid 42) after waiting 30 min (--lock-wait sets the limit)";
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode env = (ObjectNode) json.readTree(run.resolve("env.json").toFile());
        ((ObjectNode) env.get("run")).put("stopped", why);
        json.writeValue(run.resolve("env.json").toFile(), env);

        Report.write(run, null, 100);

        assertThat(Files.readString(run.resolve("summary.txt")))
                .contains("Run: STOPPED, 2 of 5 configurations finished (see Warnings)")
                .contains("- the run stopped before starting every configuration (" + why + "): 2 of 5 configurations finished;")
                .doesNotContain("failed, so missing");
    }

    private static void editRun(Path runFolder, int configurations, int finished, boolean complete, boolean interrupted)
            throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Path file = runFolder.resolve("env.json");
        ObjectNode env = (ObjectNode) json.readTree(file.toFile());
        ObjectNode run = env.putObject("run");
        run.put("configurations", configurations).put("finished", finished).put("complete", complete).put("interrupted", interrupted);
        run.putArray("failed");
        json.writeValue(file.toFile(), env);
    }

    private static void assertClose(CSVRecord row, String column, double expected) {
        assertThat(Double.parseDouble(row.get(column))).as(column).isCloseTo(expected, within(1e-5 * Math.abs(expected)));
    }
}
