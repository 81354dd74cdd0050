package org.edgebench.report;

import org.apache.commons.csv.CSVRecord;
import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.report.bench.JmhJsonGenerator;
import org.edgebench.report.chart.LatencyThroughputChart;
import org.edgebench.results.JmhJson;
import org.edgebench.stats.Ratio;
import org.edgebench.text.Numbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of a run with several caller counts per configuration ({@code --callers 1,2,4}): the
 * callers column, the labels, the "Concurrent callers" section and {@code latency_vs_throughput.png}.
 * The run is generated like a recorded one ({@link JmhJsonGenerator}): student at batch 1 with 1, 2
 * and 4 callers, where the fourth caller only queues (the knee at 2), and at batch 8 with 1 and 2.
 */
class CallersReportTest {

    private static final String CHART = "charts/" + LatencyThroughputChart.FILE;

    @TempDir
    Path dir;

    private Path run;

    @BeforeEach
    void generateRun() throws IOException {
        run = Files.createDirectories(dir.resolve("run"));
        JmhJsonGenerator.write(run.resolve("jmh.json"), List.of(
                new JmhJsonGenerator.Spec("student", "CPU", 1, 1, 1, 0.50),
                new JmhJsonGenerator.Spec("student", "CPU", 1, 1, 2, 0.55),
                new JmhJsonGenerator.Spec("student", "CPU", 1, 1, 4, 1.15),
                new JmhJsonGenerator.Spec("student", "CPU", 8, 1, 1, 3.0),
                new JmhJsonGenerator.Spec("student", "CPU", 8, 1, 2, 3.3)), 7);
    }

    @Test
    void latencyCsvHasACallersColumnAndLabelsNameTheCallers() throws IOException {
        Report.write(run, null, 100);

        List<CSVRecord> rows = ReportTest.csv(run.resolve("latency.csv"));
        assertThat(Files.readAllLines(run.resolve("latency.csv")).get(0))
                .startsWith("benchmark,model,provider,batch_size,intra_op_threads,mode,samples,")
                .contains(",throughput_items_per_s,callers");
        assertThat(rows).extracting(r -> r.get("batch_size") + " " + r.get("callers"))
                .containsExactly("1 1", "1 2", "1 4", "8 1", "8 2");
        assertThat(Files.readAllLines(run.resolve("latency_samples.csv")).get(0))
                .isEqualTo("benchmark,model,provider,batch_size,intra_op_threads,mode,callers,latency_ms,count");
        assertThat(run.resolve("charts/latency_histogram_student_CPU_b1_t1_c2.png")).exists();
        assertThat(run.resolve("charts/latency_histogram_student_CPU_b1_t1.png")).exists();
        String summary = Files.readString(run.resolve("summary.txt"));
        assertThat(summary).contains("provider  batch  intra-op threads  callers  mean ms")
                .contains("student / CPU: batch 8 with 2 callers (P95 ");
    }

    @Test
    void theSectionSaysWhereTheMostItemsPerSecondCameFromAndWhatItCostInP95() throws IOException {
        List<ConfigurationStats> stats;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            stats = Report.stats(JmhJson.read(run), pool);
        } finally {
            pool.shutdownNow();
        }
        ConfigurationStats one = stats.get(0);
        ConfigurationStats two = stats.get(1);
        ConfigurationStats four = stats.get(2);
        assertThat(two.throughputItemsPerS()).isGreaterThan(four.throughputItemsPerS()).isGreaterThan(one.throughputItemsPerS());

        Report.write(run, null, 100);

        String summary = Files.readString(run.resolve("summary.txt"));
        assertThat(summary).contains("\n== Concurrent callers (JMH threads calling one session) ==\n"
                + "student CPU b1 t1: most items/s with 2 callers: " + Ratio.times(two.throughputItemsPerS()
                / one.throughputItemsPerS()) + " the items/s of 1, P95 " + percent(two.p95Ms() / one.p95Ms()) + "\n"
                + "student CPU b8 t1: most items/s with 2 callers: ");
        assertThat(summary).contains("student CPU b1 t1        4   " + Numbers.ms(four.p50Ms()) + "   " + Numbers.ms(four.p95Ms()));
        assertThat(summary).contains("the knee in charts/latency_vs_throughput.png");
        assertThat(Files.readString(run.resolve("summary.md")))
                .contains("## Concurrent callers (JMH threads calling one session)\n\n- student CPU b1 t1: most items/s with 2 callers");
    }

    @Test
    void theLatencyVsThroughputChartIsDrawnAndOnThePage() throws IOException {
        Report.write(run, null, 100);

        BufferedImage image = ReportTest.drawnAtStandardSize(run.resolve(CHART));
        assertThat(Files.readString(run.resolve("index.html"))).contains("<img src=\"" + CHART + "\"",
                "<h2>Concurrent callers (JMH threads calling one session)</h2>", "<th>callers</th>");
    }

    @Test
    void oneCallerCountPerConfigurationGetsNeitherTheSectionNorTheChart() throws IOException {
        Path single = Files.createDirectories(dir.resolve("single"));
        JmhJsonGenerator.write(single.resolve("jmh.json"), List.of(
                new JmhJsonGenerator.Spec("student", "CPU", 1, 1, 2, 0.55),
                new JmhJsonGenerator.Spec("student", "CPU", 8, 1, 2, 3.3)), 7);

        Report.write(single, null, 100);

        assertThat(single.resolve(CHART)).doesNotExist();
        String summary = Files.readString(single.resolve("summary.txt"));
        assertThat(summary).doesNotContain("Concurrent callers").contains("intra-op threads  callers");
        assertThat(single.resolve("charts/latency_histogram_student_CPU_b1_t1_c2.png")).exists();
        assertThat(ReportTest.csv(single.resolve("latency.csv"))).extracting(r -> r.get("callers")).containsExactly("2", "2");
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * (ratio - 1));
    }
}
