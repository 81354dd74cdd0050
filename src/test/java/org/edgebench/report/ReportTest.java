package org.edgebench.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.edgebench.analysis.BatchAdvisor;
import org.edgebench.report.bench.JmhJsonGenerator;
import org.edgebench.report.chart.ChartStyle;
import org.edgebench.results.Histogram;
import org.edgebench.results.JmhJson;
import org.edgebench.results.JmhResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportTest {

    private static final List<String> CONTRACT = List.of("benchmark", "model", "provider", "batch_size", "intra_op_threads",
            "mode", "samples", "mean_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms", "error_ms",
            "throughput_items_per_s");

    @TempDir
    Path dir;

    /** summary.txt and latency.csv of each fixture match the reviewed copies in resources/report/golden. */
    @Tag("golden")
    @ParameterizedTest
    @ValueSource(strings = {"sample", "sample-gc", "thrpt", "avgt-gc", "ss", "foreign"})
    void matchesGoldenFiles(String name) throws IOException {
        Path run = Fixtures.runFolder(name + ".json", dir.resolve(name), "sample".equals(name));

        Report.write(run, null, BatchAdvisor.DEFAULT_SLO_MS);

        String summary = Files.readString(run.resolve("summary.txt")).replace(run.resolve("jmh.json").toString(), "<input>");
        Golden.assertMatches(summary, name + ".summary.txt");
        Golden.assertMatches(Files.readString(run.resolve("latency.csv")), name + ".latency.csv");
    }

    @Test
    void latencyCsvHoldsTheContractColumnsAndJmhsNumbersInMs() throws IOException {
        Path run = Fixtures.runFolder(Fixtures.SAMPLE, dir, true);
        List<JmhResult> results = JmhJson.read(run);

        Report.write(run, null, 100);

        List<CSVRecord> rows = csv(run.resolve("latency.csv"));
        assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(CONTRACT);
        assertThat(rows).hasSize(results.size());
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            JmhResult jmh = results.get(i);
            long samples = jmh.rawDataHistogram().stream().flatMap(List::stream).mapToLong(Histogram::total).sum();
            assertThat(row.get("samples")).isEqualTo(Long.toString(samples));
            assertThat(d(row, "mean_ms")).isCloseTo(jmh.score(), within(1e-5 * jmh.score()));
            // The CSV keeps six significant digits.
            for (Map.Entry<String, Double> percentile : Map.of("p50_ms", 50.0, "p95_ms", 95.0, "p999_ms", 99.9, "max_ms", 100.0).entrySet()) {
                double expected = jmh.scorePercentiles().get(percentile.getValue());
                assertThat(d(row, percentile.getKey())).as(percentile.getKey()).isCloseTo(expected, within(1e-5 * expected));
            }
            double batch = Double.parseDouble(jmh.params().get("batchSize"));
            assertThat(d(row, "throughput_items_per_s")).isCloseTo(batch * 1000 / jmh.score(), within(1.0));
        }
    }

    @Test
    void modesWithoutADistributionLeavePercentilesEmpty() throws IOException {
        Path run = Fixtures.runFolder(Fixtures.THRPT, dir, false);
        JmhResult jmh = JmhJson.read(run).get(0);

        Report.write(run, null, 100);

        CSVRecord row = csv(run.resolve("latency.csv")).get(0);
        for (String column : List.of("p50_ms", "p90_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms")) {
            assertThat(row.get(column)).as(column).isEmpty();
        }
        // ops/ms -> items/s for batch 1; mean latency is its reciprocal in ms.
        assertThat(d(row, "throughput_items_per_s")).isCloseTo(jmh.score() * 1000, within(0.01));
        assertThat(d(row, "mean_ms")).isCloseTo(1 / jmh.score(), within(1e-6));
        assertThat(row.get("samples")).isEqualTo("6");
        assertThat(Files.readString(run.resolve("summary.txt"))).contains("thrpt: no distribution in this mode");
        assertThat(csv(run.resolve("latency_samples.csv"))).isEmpty();
    }

    @Test
    void gcProfilerAddsAllocationAndForeignParametersGetAColumn() throws IOException {
        Path gc = Fixtures.runFolder(Fixtures.AVGT_GC, dir.resolve("gc"), false);
        Path foreign = Fixtures.runFolder(Fixtures.FOREIGN, dir.resolve("foreign"), false);

        Report.write(gc, null, 100);
        Report.write(foreign, null, 100);

        List<CSVRecord> gcRows = csv(gc.resolve("latency.csv"));
        assertThat(gcRows.get(0).getParser().getHeaderNames()).endsWith("alloc_bytes_per_op");
        assertThat(d(gcRows.get(0), "alloc_bytes_per_op")).isGreaterThan(0);
        List<CSVRecord> foreignRows = csv(foreign.resolve("latency.csv"));
        assertThat(foreignRows.get(0).getParser().getHeaderNames()).startsWith(CONTRACT.toArray(String[]::new)).endsWith("params");
        assertThat(foreignRows).extracting(r -> r.get("params")).contains("order=random;size=1000", "order=random;size=20000");
        assertThat(foreignRows).extracting(r -> r.get("batch_size")).containsOnly("");
    }

    @Test
    void samplesCsvSumsToTheSampleCountOfEachConfiguration() throws IOException {
        Path run = Fixtures.runFolder(Fixtures.SAMPLE, dir, false);

        Report.write(run, null, 100);

        Map<String, Long> counted = new HashMap<>();
        List<CSVRecord> samples = csv(run.resolve("latency_samples.csv"));
        assertThat(samples.get(0).getParser().getHeaderNames()).containsExactly("benchmark", "model", "provider",
                "batch_size", "intra_op_threads", "mode", "latency_ms", "count");
        double previous = -1;
        String previousKey = "";
        for (CSVRecord row : samples) {
            String key = row.get("model") + "/" + row.get("batch_size");
            double latency = d(row, "latency_ms");
            if (key.equals(previousKey)) {
                assertThat(latency).as("ascending within a configuration").isGreaterThan(previous);
            }
            previous = latency;
            previousKey = key;
            counted.merge(key, Long.parseLong(row.get("count")), Long::sum);
        }
        for (CSVRecord row : csv(run.resolve("latency.csv"))) {
            assertThat(counted.get(row.get("model") + "/" + row.get("batch_size"))).isEqualTo(Long.parseLong(row.get("samples")));
        }
    }

    @Test
    void chartsAreReadablePngsWithStableNames() throws IOException {
        Path run = Fixtures.runFolder(Fixtures.SAMPLE, dir, true);

        Report.write(run, null, 100);

        Path charts = run.resolve("charts");
        assertThat(charts.resolve("latency_histogram_student_CPU_b8_t0.png")).exists();
        assertThat(charts.resolve("latency_histogram_student-int8_CPU_b32_t0.png")).exists();
        try (Stream<Path> pngs = Files.list(charts)) {
            List<Path> files = pngs.toList();
            assertThat(files).extracting(p -> p.getFileName().toString()).contains(
                    "latency_vs_batch.png", "throughput_vs_batch.png", "latency_boxplot.png", "latency_over_iterations.png");
            assertThat(files).hasSize(4 + 6);
            for (Path png : files) {
                BufferedImage image = ImageIO.read(png.toFile());
                assertThat(image).as(png.toString()).isNotNull();
                assertThat(image.getWidth()).isGreaterThanOrEqualTo(ChartStyle.WIDTH);
                assertThat(image.getHeight()).isEqualTo(ChartStyle.HEIGHT);
                assertThat(inkFraction(image)).as("share of non-white pixels in " + png).isGreaterThan(0.02);
            }
        }
    }

    @Test
    void htmlHoldsEveryChartTheTableAndTheEnvironment() throws IOException {
        Path run = Fixtures.runFolder(Fixtures.SAMPLE, dir, true);

        Report.write(run, null, 100);

        String html = Files.readString(run.resolve("index.html"));
        try (Stream<Path> pngs = Files.list(run.resolve("charts"))) {
            pngs.forEach(png -> assertThat(html).contains("<img src=\"charts/" + png.getFileName() + "\""));
        }
        assertThat(html).contains("<th>P95 ms</th>", "<h3>student</h3>", "<h3>student-int8</h3>", "spiky (")
                .contains("XNNPACK: not in this ONNX Runtime build")
                .contains("<th>onnxRuntime.version</th><td>1.29.0</td>");
    }

    @Test
    void writesToAnotherFolderAndLeavesNoStagingBehind() throws IOException {
        Path json = Fixtures.copy(Fixtures.SS, dir.resolve("in"), "anything.json");
        Path out = dir.resolve("out/nested");

        Report.Written written = Report.write(json, out, 100);

        assertThat(written.folder()).isEqualTo(out);
        assertThat(written.files()).allSatisfy(f -> assertThat(f).startsWith(out).exists());
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
        try (Stream<Path> input = Files.list(json.getParent())) {
            assertThat(input).containsExactly(json);
        }
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("ss (SingleShotTime): each iteration is one timed call");
    }

    /** The chart at {@code png}, decoded, at the standard size and with something drawn on it. */
    static BufferedImage drawnAtStandardSize(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as(png.toString()).isNotNull();
        assertThat(image.getWidth()).isEqualTo(ChartStyle.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartStyle.HEIGHT);
        assertThat(inkFraction(image)).as("share of non-white pixels").isGreaterThan(0.03);
        return image;
    }

    static double inkFraction(BufferedImage image) {
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    ink++;
                }
            }
        }
        return ink / (double) ((image.getWidth() / 2) * (image.getHeight() / 2));
    }

    private static double d(CSVRecord row, String column) {
        return Double.parseDouble(row.get(column));
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = CSVParser.parse(in, format)) {
            return parser.getRecords();
        }
    }

    /** One batch size and two providers: the page opens with what varied and the providers chart, and draws no line over one x value. */
    @Test
    void aRunOfOneBatchSizeLeadsWithWhatItVaried() throws IOException {
        Path run = Files.createDirectories(dir.resolve("one-batch"));
        JmhJsonGenerator.write(run.resolve("jmh.json"), List.of(
                new JmhJsonGenerator.Spec("student", "CPU", 1, 0, 1, 0.50),
                new JmhJsonGenerator.Spec("student", "XNNPACK", 1, 0, 1, 0.30)), 3);

        Report.write(run, null, 100);

        String html = Files.readString(run.resolve("index.html"));
        assertThat(html).contains("<p class=\"varied\">This run varied provider (CPU, XNNPACK); the same throughout:"
                + " benchmark OrtSessionRunBenchmark.run, model student, batch size 1, intra-op threads 0, callers 1");
        assertThat(html).contains("no latency vs batch size chart: the run has one batch size (1)")
                .doesNotContain("latency_vs_batch.png").doesNotContain("throughput_vs_batch.png");
        int overview = html.indexOf("<h2 id=\"overview\">");
        assertThat(html.indexOf("providers.png")).as("the providers chart first").isGreaterThan(overview)
                .isLessThan(html.indexOf("latency_boxplot.png"));
        assertThat(html).doesNotContain("<h2 id=\"workloads\">");
        assertThat(run.resolve("charts/latency_vs_batch.png")).doesNotExist();
    }
}
