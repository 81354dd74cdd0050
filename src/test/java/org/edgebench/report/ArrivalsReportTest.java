package org.edgebench.report;

import org.edgebench.arrivals.ArrivalRowsFixture;
import org.edgebench.arrivals.ArrivalsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** arrivals.csv beside a recorded run: its section, its batcher advice, the hockey stick and the page. */
class ArrivalsReportTest {

    @TempDir
    Path dir;

    @Test
    void theOpenLoopSectionChartAndAdviceInEveryRendering() throws Exception {
        Path run = Fixtures.recordedRun("workloads/djl-int8", dir);
        try (Writer out = Files.newBufferedWriter(run.resolve(ArrivalsCsv.FILE))) {
            ArrivalsCsv.write(ArrivalRowsFixture.rows(), out);
        }

        Report.write(run, null, 10);

        String text = Files.readString(run.resolve("summary.txt"));
        int start = text.indexOf("== Under an arrival rate (open loop) ==");
        assertThat(start).isPositive();
        String section = text.substring(start, text.indexOf("\n== ", start + 1));
        assertThat(section).contains("student CPU b1 t1: closed-loop maximum 1,000 calls/s",
                "peak Poisson rate with P99 within 10 ms: ", "-- Schedules served --", "sweep: peak",
                "student CPU b1 t1 at 30/s: batcher none (B=1) keeps P99 within 10 ms with the most headroom",
                "LoadGen");
        String advice = text.substring(text.indexOf("== Batch size for a P95 budget of 10 ms"));
        assertThat(advice).contains("student CPU b1 t1 at poisson:95% (950/s): batcher B=4 T=2ms keeps P99 within 10 ms");

        assertThat(Files.readString(run.resolve("summary.md"))).contains("## Under an arrival rate (open loop)");
        String html = Files.readString(run.resolve("index.html"));
        assertThat(html).contains("charts/arrivals_hockey_stick.png", "<a href=\"arrivals.csv\">arrivals.csv</a>",
                "Under an arrival rate (open loop)");
        BufferedImage png = ImageIO.read(run.resolve("charts/arrivals_hockey_stick.png").toFile());
        assertThat(png.getWidth()).isPositive();
    }

    @Test
    void aRunWithoutArrivalsHasNoSuchSection() throws IOException {
        Path run = Fixtures.recordedRun("workloads/djl-int8", dir);

        Report.write(run, null, 10);

        assertThat(Files.readString(run.resolve("summary.txt"))).doesNotContain("Under an arrival rate");
        assertThat(run.resolve("charts/arrivals_hockey_stick.png")).doesNotExist();
    }
}
