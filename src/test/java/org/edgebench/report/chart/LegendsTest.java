package org.edgebench.report.chart;

import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.report.bench.JmhJsonGenerator;
import org.edgebench.results.JmhJson;
import org.edgebench.results.JmhResult;
import org.edgebench.run.Configuration;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run shaped like {@code --suite full} (72 configurations): every overview chart keeps its
 * legend, naming each line once, and grows to hold it; a run of one batch size gets no line chart
 * over a single x value.
 */
class LegendsTest {

    @TempDir
    static Path dir;

    private static List<ConfigurationStats> full;

    @BeforeAll
    static void fullSuite() throws IOException {
        List<JmhResult> results = JmhJson.read(JmhJsonGenerator.writeFullSuite(dir.resolve("jmh.json"), 7));
        List<ConfigurationStats> stats = new ArrayList<>();
        for (JmhResult r : results) {
            Configuration c = r.configuration();
            stats.add(ConfigurationStats.of(r, c.label(true), c.fileLabel(true)));
        }
        full = List.copyOf(stats);
        assertThat(full).hasSize(72);
    }

    private static List<String> labels(LegendItemCollection items) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < items.getItemCount(); i++) {
            labels.add(items.get(i).getLabel());
        }
        return labels;
    }

    @Test
    void theBatchChartsNameEveryLineOnceAndGrowToHoldTheLegend() {
        for (JFreeChart chart : List.of(BatchCharts.latency(full, "").orElseThrow(), BatchCharts.throughput(full, "").orElseThrow())) {
            assertThat(chart.getLegend()).as(chart.getTitle().getText()).isNotNull();
            List<String> legend = labels(chart.getPlot().getLegendItems());
            assertThat(legend).as("one entry per line (model, benchmark, threads)").hasSize(12).doesNotHaveDuplicates()
                    .anyMatch(l -> l.contains("mobilenetv2-224"));
            assertThat(SmallMultiples.height(chart)).isGreaterThanOrEqualTo(ChartStyle.HEIGHT);
        }
    }

    @Test
    void theIterationChartNamesEveryConfigurationAndGrowsToHoldThem() {
        JFreeChart chart = IterationChart.create(full, "").orElseThrow();

        assertThat(chart.getLegend()).isNotNull();
        int series = ((XYPlot) chart.getPlot()).getDataset().getSeriesCount();
        assertThat(chart.getPlot().getLegendItems().getItemCount()).isEqualTo(series).isEqualTo(72);
        assertThat(SmallMultiples.legendRows(chart)).isGreaterThan(2);
        assertThat(SmallMultiples.height(chart)).isGreaterThan(ChartStyle.HEIGHT);
    }

    @Test
    void oneBatchSizeDrawsNoLineChart() {
        List<ConfigurationStats> batchOne = full.stream().filter(s -> "1".equals(s.configuration().batchSize())).toList();

        assertThat(BatchCharts.batchSizes(batchOne)).containsExactly("1");
        assertThat(BatchCharts.latency(batchOne, "")).isEmpty();
        assertThat(BatchCharts.throughput(batchOne, "")).isEmpty();
        assertThat(BatchCharts.batchSizes(full)).containsExactly("1", "8", "32");
    }
}
