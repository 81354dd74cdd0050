package org.edgebench.report;

import org.edgebench.report.bench.JmhJsonGenerator;
import org.edgebench.report.chart.ChartStyle;
import org.edgebench.report.chart.DjlChart;
import org.edgebench.report.chart.ThreadScalingChart;
import org.edgebench.report.chart.WarmupCurveChart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of a run shaped like {@code --suite full} (72 configurations: three models, batch
 * 1/8/32, one and two threads, four benchmarks; {@link JmhJsonGenerator#writeFullSuite}) must stay
 * readable: the thread scaling, DJL and warm-up charts are small multiples with a legend, and
 * index.html folds each model's histograms away under its table, after the overview charts.
 */
class FullSuiteReportTest {

    private static final String[] MODELS = {"mobilenetv2-224", "student", "student-int8"};
    private static final String[] OVERVIEW = {"latency_vs_batch.png", "throughput_vs_batch.png", "latency_boxplot.png",
            "latency_over_iterations.png"};
    /* Panels are about 50 pixels apart; the pieces of one panel (title, axis labels, ticks) at most 15. */
    private static final int BETWEEN_PANELS = 25;
    private static final int ABOVE_LEGEND = 15;

    @TempDir
    static Path dir;

    static Path run;

    @BeforeAll
    static void writeTheReport() throws IOException {
        run = dir.resolve("full");
        Files.createDirectories(run);
        JmhJsonGenerator.writeFullSuite(run.resolve("jmh.json"), 7);
        Report.write(run, null, 100);
    }

    @Test
    void threadScalingHasAPanelPerModelAndALegendOfTheBatchSizes() throws IOException {
        BufferedImage image = chart(run, ThreadScalingChart.FILE);

        assertThat(image.getWidth()).isEqualTo(ChartStyle.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartStyle.HEIGHT);
        assertThat(panelColumns(image)).as("panels side by side").isEqualTo(3);
        assertThat(legendColours(image, 3)).as("a colour per batch size in the legend").isTrue();
    }

    @Test
    void djlVsOnnxRuntimeHasAPanelPerModelAndALegendOfTheTwo() throws IOException {
        BufferedImage image = chart(run, DjlChart.FILE);

        assertThat(image.getHeight()).isEqualTo(ChartStyle.HEIGHT);
        assertThat(panelColumns(image)).as("panels side by side").isEqualTo(3);
        assertThat(legendColours(image, 2)).as("raw and DJL in the legend").isTrue();
    }

    @Test
    void warmupCurveHasAPanelPerModelAndBatchSizeAndALegendOfTheThreads() throws IOException {
        BufferedImage image = chart(run, WarmupCurveChart.FILE);

        assertThat(image.getWidth()).isEqualTo(ChartStyle.WIDTH);
        assertThat(image.getHeight()).as("three rows of panels").isGreaterThan(2 * ChartStyle.HEIGHT);
        assertThat(panelColumns(image)).as("batch sizes side by side").isEqualTo(3);
        // From 5% to 95% of this height lies below the title and above the legend.
        assertThat(runs(image, false, new Band(0, 1, 0.05, 0.95), BETWEEN_PANELS)).as("a row of panels per model").hasSize(3);
        assertThat(legendColours(image, 2)).as("a colour per thread count in the legend").isTrue();
    }

    @Test
    void theRecordedRunsGetAPanelPerModelAtTheUsualSize() throws IOException {
        Path full = Fixtures.recordedRun("workloads/full", dir.resolve("recorded-full"));
        Path threads = Fixtures.recordedRun("workloads/threads", dir.resolve("recorded-threads"));

        Report.write(full, null, 100);
        Report.write(threads, null, 100);

        for (BufferedImage image : List.of(chart(full, WarmupCurveChart.FILE), chart(full, DjlChart.FILE),
                chart(threads, ThreadScalingChart.FILE))) {
            assertThat(image.getHeight()).isEqualTo(ChartStyle.HEIGHT);
            assertThat(panelColumns(image)).as("student and student-int8").isEqualTo(2);
            assertThat(legendColours(image, 1)).isTrue();
        }
    }

    @Test
    void htmlShowsTheOverviewFirstThenEachModelWithItsHistogramsFolded() throws IOException {
        String html = Files.readString(run.resolve("index.html"));

        int firstModel = html.indexOf("<section id=\"model-1\">");
        assertThat(firstModel).isPositive();
        for (String chart : OVERVIEW) {
            assertThat(html.indexOf("<img src=\"charts/" + chart + "\"")).as(chart).isBetween(0, firstModel);
        }
        List<String> details = blocks(html, "<details>", "</details>");
        assertThat(details).hasSize(MODELS.length);
        int last = 0;
        for (int i = 0; i < MODELS.length; i++) {
            int table = html.indexOf("<h3>" + MODELS[i] + "</h3>");
            assertThat(table).as("the tables in name order").isGreaterThan(last);
            assertThat(html.indexOf(details.get(i))).as("the histograms after their table").isGreaterThan(table);
            assertThat(details.get(i)).startsWith("<details><summary>Latency histograms of " + MODELS[i] + " (24 configurations)</summary>");
            assertThat(count(details.get(i), "<img src=\"charts/latency_histogram_")).isEqualTo(24);
            assertThat(count(details.get(i), "<figcaption>Latency histogram of ")).isEqualTo(24);
            last = table;
        }
        assertThat(count(html, "<img src=\"charts/latency_histogram_")).as("no histogram outside its model's fold").isEqualTo(72);
        int workloads = html.indexOf("<h2 id=\"workloads\">Workload charts</h2>");
        assertThat(workloads).isGreaterThan(html.lastIndexOf("</details>"));
        for (String chart : List.of(WarmupCurveChart.FILE, DjlChart.FILE, ThreadScalingChart.FILE)) {
            assertThat(html.indexOf("<img src=\"charts/" + chart + "\"")).isGreaterThan(workloads)
                    .isLessThan(html.indexOf("<h2>Warm-up: "));
        }
        assertThat(count(html, "<img ")).isEqualTo(4 + 3 + 72);
        assertThat(html).doesNotContain("<script").contains("<a href=\"#model-3\">student-int8</a>");
    }

    @Test
    void aRunWithoutDistributionsHasNothingToFoldAndSaysWhyInTheOverview() throws IOException {
        Path thrpt = Fixtures.recordedRun("fixtures/thrpt", dir.resolve("thrpt"));

        Report.write(thrpt, null, 100);

        String html = Files.readString(thrpt.resolve("index.html"));
        assertThat(html).doesNotContain("<details>", "Workload charts");
        assertThat(html.indexOf("<li>no latency histograms: no distribution in this mode (use -bm sample)</li>"))
                .isGreaterThan(html.indexOf("<h2 id=\"overview\">Overview</h2>"))
                .isLessThan(html.indexOf("<section id=\"model-1\">"));
    }

    private static BufferedImage chart(Path runFolder, String file) throws IOException {
        BufferedImage image = ImageIO.read(runFolder.resolve("charts").resolve(file).toFile());
        assertThat(image).as(file).isNotNull();
        return image;
    }

    /* Between 15% and 85% of the height lies inside the panels: below the title, above the legend. */
    private static int panelColumns(BufferedImage image) {
        return runs(image, true, new Band(0, 1, 0.15, 0.85), BETWEEN_PANELS).size();
    }

    /** True when the legend (the last block of ink, below everything else) holds the first {@code colours} palette colours. */
    private static boolean legendColours(BufferedImage image, int colours) {
        List<int[]> blocks = runs(image, false, new Band(0, 1, 0, 1), ABOVE_LEGEND);
        int[] legend = blocks.get(blocks.size() - 1);
        for (int i = 0; i < colours; i++) {
            if (!contains(image, legend[0], legend[1], ChartStyle.color(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(BufferedImage image, int fromY, int toY, Color color) {
        for (int y = fromY; y <= toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) + Math.abs(c.getGreen() - color.getGreen())
                        + Math.abs(c.getBlue() - color.getBlue()) < 12) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A part of an image, in fractions of its width and height. */
    record Band(double left, double right, double top, double bottom) {
    }

    /**
     * The blocks of columns ({@code alongX}) or rows of {@code band} that hold a non-white pixel, as
     * first and last pixel; blocks at most {@code minGap} pixels apart count as one.
     */
    static List<int[]> runs(BufferedImage image, boolean alongX, Band band, int minGap) {
        int x0 = (int) (band.left() * image.getWidth());
        int x1 = (int) (band.right() * image.getWidth());
        int y0 = (int) (band.top() * image.getHeight());
        int y1 = (int) (band.bottom() * image.getHeight());
        List<int[]> runs = new ArrayList<>();
        for (int i = alongX ? x0 : y0; i < (alongX ? x1 : y1); i++) {
            boolean ink = false;
            for (int j = alongX ? y0 : x0; j < (alongX ? y1 : x1) && !ink; j++) {
                int rgb = alongX ? image.getRGB(i, j) : image.getRGB(j, i);
                ink = (rgb & 0xFFFFFF) != 0xFFFFFF;
            }
            if (!ink) {
                continue;
            }
            int[] lastRun = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (lastRun != null && i - lastRun[1] <= minGap) {
                lastRun[1] = i;
            } else {
                runs.add(new int[]{i, i});
            }
        }
        return runs;
    }

    private static List<String> blocks(String text, String open, String close) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile(Pattern.quote(open) + ".*?" + Pattern.quote(close), Pattern.DOTALL).matcher(text);
        while (m.find()) {
            blocks.add(m.group());
        }
        return blocks;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
