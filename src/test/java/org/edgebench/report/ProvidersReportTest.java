package org.edgebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.edgebench.report.chart.ChartStyle;
import org.edgebench.report.chart.ProvidersChart;
import org.edgebench.results.JmhJson;
import org.edgebench.results.JmhResult;
import org.edgebench.stats.ForkValues;
import org.edgebench.stats.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Providers side by side" on {@code cases/providers}: the recorded CPU run of {@code fixtures/sample}
 * with a relabelled copy as XNNPACK, its times scaled by 0.6, 0.98 and 1.15 at batch 1, 8 and 32
 * ({@link RelabelledRun}; resources/report/README.md).
 */
class ProvidersReportTest {

    private static final String CHART = "charts/" + ProvidersChart.FILE;

    @TempDir
    Path dir;

    @Test
    void theFixtureIsTheSampleRunRelabelled() throws IOException {
        JsonMapper json = JsonMapper.builder().build();

        assertThat(json.readTree(Fixtures.text(RelabelledRun.TO + "/jmh.json"))).isEqualTo(RelabelledRun.jmh());
        assertThat(json.readTree(Fixtures.text(RelabelledRun.TO + "/env.json"))).isEqualTo(RelabelledRun.env());
    }

    /**
     * Each side has two forks, so the speed-up's interval runs from the reference's slowest fork over
     * the other's fastest to the other way round; the copy's forks are the recording's scaled.
     */
    @Test
    void theSentenceGivesEachBatchSizesSpeedUpWithItsIntervalAndDirection() throws IOException {
        Path run = Fixtures.recordedRun(RelabelledRun.TO, dir);
        List<JmhResult> results = JmhJson.read(run);

        Report.write(run, null, 100);

        String b1 = speedUpAt(results, "1", "faster");
        String b8 = speedUpAt(results, "8", "noise");
        String b32 = speedUpAt(results, "32", "slower");
        String summary = Files.readString(run.resolve("summary.txt"));
        assertThat(summary).contains("== Providers side by side ==\nstudent: XNNPACK is " + b1 + " than CPU at batch 1 "
                + interval(results, "1") + ", within noise at batch 8 (" + b8 + "), " + b32 + " at batch 32 "
                + interval(results, "32") + "\n");
        assertThat(b1).isEqualTo("1.67x faster");
        assertThat(b32).isEqualTo("1.15x slower");
        assertThat(summary).contains("student b1     CPU        0.480   0.669    1,978  reference\n",
                "               XNNPACK    0.288   0.401    3,296  1.67x [1.28x, 2.17x]\n",
                "               XNNPACK    3.308   4.090    2,372  1.02x [0.97x, 1.07x] within noise\n");
        assertThat(Files.readString(run.resolve("summary.md")))
                .contains("## Providers side by side\n\n- student: XNNPACK is 1.67x faster than CPU at batch 1 [1.28x, 2.17x]",
                        "### P50, P95 and items/s by provider\n\n| configuration | provider | P50 ms | P95 ms | items/s | speed-up |");
        assertThat(Files.readString(run.resolve("index.html")))
                .contains("<h2>Providers side by side</h2>", "<img src=\"" + CHART + "\"",
                        "<td></td><td>XNNPACK</td><td class=\"num\">0.288</td>");
    }

    @Test
    void oneProviderGetsNoSectionAndNoChart() throws IOException {
        Path run = Fixtures.recordedRun("fixtures/sample", dir);

        Report.write(run, null, 100);

        assertThat(Files.readString(run.resolve("summary.txt"))).doesNotContain("Providers side by side", "speed-up");
        assertThat(Files.readString(run.resolve("summary.md"))).doesNotContain("Providers side by side");
        assertThat(run.resolve(CHART)).doesNotExist();
    }

    @Test
    void theChartDrawsBothProvidersOnTheStandardSize() throws IOException {
        Path run = Fixtures.recordedRun(RelabelledRun.TO, dir);

        Report.write(run, null, 100);

        BufferedImage image = ReportTest.drawnAtStandardSize(run.resolve(CHART));
        // Both lines run across the plot: hundreds of pixels of each provider's colour.
        assertThat(pixels(image, ChartStyle.color(0))).as("CPU's colour").isGreaterThan(500);
        assertThat(pixels(image, ChartStyle.color(1))).as("XNNPACK's colour").isGreaterThan(500);
    }

    /** One panel per model, so the image grows beyond two panels instead of squeezing them. */
    @Test
    void threeModelsGetThreePanelsOnATallerImage() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        ArrayNode results = (ArrayNode) json.readTree(Fixtures.text(RelabelledRun.TO + "/jmh.json"));
        ArrayNode more = results.deepCopy();
        for (String model : List.of("mobilenetv2-224", "all-minilm-l6-v2")) {
            for (JsonNode result : results) {
                ObjectNode copy = result.deepCopy();
                ((ObjectNode) copy.get("params")).put("model", model);
                more.add(copy);
            }
        }
        Files.createDirectories(dir);
        json.writeValue(dir.resolve("jmh.json").toFile(), more);

        Report.write(dir, null, 100);

        BufferedImage image = ImageIO.read(dir.resolve(CHART).toFile());
        assertThat(image.getHeight()).isEqualTo(950).isGreaterThan(ChartStyle.HEIGHT);
        assertThat(ReportTest.inkFraction(image)).isGreaterThan(0.03);
        assertThat(Files.readString(dir.resolve("summary.txt")))
                .contains("\nall-minilm-l6-v2: XNNPACK is 1.67x faster", "\nmobilenetv2-224: XNNPACK is 1.67x faster",
                        "\nstudent: XNNPACK is 1.67x faster");
    }

    /** thrpt has no P50: the speed-up is the items/s ratio, one fork gives no interval, and there is no chart. */
    @Test
    void aThroughputRunOfOneForkComparesItemsPerSecondAndSaysItHasNoInterval() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        ArrayNode results = (ArrayNode) json.readTree(Fixtures.text("fixtures/thrpt/jmh.json"));
        ArrayNode both = results.deepCopy();
        for (JsonNode result : results) {
            ObjectNode copy = result.deepCopy();
            ((ObjectNode) copy.get("params")).put("provider", RelabelledRun.PROVIDER);
            ObjectNode primary = (ObjectNode) copy.get("primaryMetric");
            primary.put("score", 2 * primary.get("score").asDouble());
            ArrayNode iterations = (ArrayNode) primary.get("rawData").get(0);
            for (int i = 0; i < iterations.size(); i++) {
                iterations.set(i, 2 * iterations.get(i).asDouble());
            }
            both.add(copy);
        }
        Files.createDirectories(dir);
        json.writeValue(dir.resolve("jmh.json").toFile(), both);

        Report.write(dir, null, 100);

        assertThat(Files.readString(dir.resolve("summary.txt"))).contains(
                "\nstudent: XNNPACK is 2.00x faster than CPU at batch 1 (1 fork: no interval), 2.00x at batch 8 (1 fork: no interval)\n",
                "               XNNPACK        -       -    4,347  2.00x (1 fork: no interval)\n")
                .doesNotContain("providers.png draws it");
        assertThat(dir.resolve(CHART)).doesNotExist();
        assertThat(Files.readString(dir.resolve("index.html"))).contains("<li>no providers chart: no P50 in this mode (use -bm sample)</li>");
    }

    /** "1.67x faster", "1.15x slower", or the speed-up with its interval when within noise; checked against {@code expect}. */
    private static String speedUpAt(List<JmhResult> results, String batch, String expect) {
        double[] cpu = ForkValues.of(find(results, "CPU", batch), Metric.P50);
        double[] xnnpack = ForkValues.of(find(results, RelabelledRun.PROVIDER, batch), Metric.P50);
        double speedUp = mid(cpu) / mid(xnnpack);
        double low = min(cpu) / max(xnnpack);
        double high = max(cpu) / min(xnnpack);
        if (low <= 1 && 1 <= high) {
            assertThat(expect).isEqualTo("noise");
            return times(speedUp) + " [" + times(low) + ", " + times(high) + "]";
        }
        assertThat(expect).isEqualTo(speedUp > 1 ? "faster" : "slower");
        return speedUp > 1 ? times(speedUp) + " faster" : times(1 / speedUp) + " slower";
    }

    /** The interval as the sentence gives it: of the speed-up when faster, of the slow-down when slower. */
    private static String interval(List<JmhResult> results, String batch) {
        double[] cpu = ForkValues.of(find(results, "CPU", batch), Metric.P50);
        double[] xnnpack = ForkValues.of(find(results, RelabelledRun.PROVIDER, batch), Metric.P50);
        double low = min(cpu) / max(xnnpack);
        double high = max(cpu) / min(xnnpack);
        return low > 1 ? "[" + times(low) + ", " + times(high) + "]" : "[" + times(1 / high) + ", " + times(1 / low) + "]";
    }

    private static JmhResult find(List<JmhResult> results, String provider, String batch) {
        return results.stream().filter(r -> provider.equals(r.params().get("provider")) && batch.equals(r.params().get("batchSize")))
                .findFirst().orElseThrow();
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private static double mid(double[] twoForks) {
        assertThat(twoForks).hasSize(2);
        return (twoForks[0] + twoForks[1]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    private static long pixels(BufferedImage image, Color color) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }
}
