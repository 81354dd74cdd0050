package org.edgebench.report.bench;

import org.edgebench.report.Report;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report benchmark's method, called once on a small generated run, writes the whole report and cleans up. */
class ReportWriteBenchmarkTest {

    @Test
    void writesEveryFileOfTheReportAndDeletesItsRunAfterwards() throws IOException {
        ReportWriteBenchmark.GeneratedRunState run = new ReportWriteBenchmark.GeneratedRunState();
        run.configurations = 12;
        run.generate();
        Path folder = run.folder;
        try {
            Report.Written written = new ReportWriteBenchmark().write(run);

            assertThat(written.folder()).isEqualTo(run.out);
            assertThat(written.chartsSkipped()).isEmpty();
            List<String> names = written.files().stream().map(f -> f.getFileName().toString()).toList();
            assertThat(names).contains("latency.csv", "latency_samples.csv", "summary.txt", "summary.md", "index.html");
            assertThat(names.stream().filter(n -> n.startsWith("latency_histogram_"))).as("a histogram per configuration").hasSize(12);
            assertThat(Files.readAllLines(run.out.resolve("latency.csv"))).as("header and a row per configuration").hasSize(1 + 12);
        } finally {
            run.delete();
        }
        assertThat(folder).doesNotExist();
    }
}
