package org.edgebench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 SampleTime configurations with full histograms (about 12 MB of JMH JSON), reported with
 * every chart. The issue asks for well under 5 s on an idle machine; the bound here is loose
 * because test machines are shared, and catches only a blow-up (a quadratic loop, a slow encoder).
 */
class ReportSpeedTest {

    private static final int CONFIGURATIONS = 200;
    private static final long GENEROUS_BOUND_MS = 60_000;

    @TempDir
    Path dir;

    @Test
    void twoHundredConfigurationsWithFullHistograms() throws IOException {
        Path json = JmhJsonGenerator.write(dir.resolve("jmh.json"), CONFIGURATIONS, 42);

        long start = System.nanoTime();
        Report.Written written = Report.write(json, null, 100);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("report of %d configurations (%.1f MB of JMH JSON): %d ms%n",
                CONFIGURATIONS, Files.size(json) / 1e6, elapsedMs);
        // 2 CSV + 2 summaries, 4 overview charts, a histogram per configuration, index.html
        assertThat(written.files()).hasSize(4 + 4 + CONFIGURATIONS + 1);
        assertThat(elapsedMs).isLessThan(GENEROUS_BOUND_MS);
    }
}
