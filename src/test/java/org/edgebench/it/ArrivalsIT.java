package org.edgebench.it;

import org.edgebench.arrivals.ArrivalRow;
import org.edgebench.arrivals.ArrivalsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --arrivals} on a short run of the packaged jar: after the benchmark, the configuration is
 * served a camera's fixed interval and a Poisson share of its closed-loop maximum, with and without a
 * batcher; arrivals.csv, the summary's section and the hockey stick are written.
 */
class ArrivalsIT {

    @TempDir
    Path dir;

    @Test
    void aShortOpenLoopRunWritesItsScheduleRowsSectionAndChart() throws Exception {
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.start(dir.resolve("log.txt"), "OrtSessionRunBenchmark", "-f", "1", "-wi", "1", "-w", "500ms",
                "-i", "2", "-r", "500ms", "-p", "batchSize=1", "-p", "provider=CPU", "-p", "intraOpThreads=1",
                "--arrivals", "30/s,poisson:20%,poisson:40%", "--arrivals-for", "1s", "--max-batch", "1,2", "--max-wait-ms", "1",
                "--slo-ms", "50", "--out", runDir.toString());
        int exit = jar.waitFor();
        String output = jar.output();
        assertThat(exit).as("exit code; output:%n%s", output).isZero();

        assertThat(output).contains("EdgeBench: arrivals 1 of 1: student CPU b1 t1 (closed-loop maximum ",
                "EdgeBench: arrivals: student CPU b1 t1 30/s no batching: 30/s offered",
                "EdgeBench: wrote " + runDir.resolve(ArrivalsCsv.FILE) + " (6 schedules)");
        List<ArrivalRow> rows = ArrivalsCsv.read(runDir);
        assertThat(rows).extracting(r -> r.asked() + " " + r.maxBatch())
                .containsExactly("30/s 1", "30/s 2", "poisson:20% 1", "poisson:20% 2", "poisson:40% 1", "poisson:40% 2");
        ArrivalRow camera = rows.get(0);
        assertThat(camera.requests()).isEqualTo(30);
        assertThat(camera.response().p99Bound()).as("30 requests cannot bound a P99").isNaN();
        assertThat(rows.get(2).offeredPerS()).isCloseTo(0.2 * rows.get(2).closedLoopPerS(), org.assertj.core.api.Assertions.within(0.01));
        for (ArrivalRow r : rows) {
            assertThat(r.response().p50()).as("response = waiting + service").isGreaterThanOrEqualTo(r.serviceP50Ms() * 0.5);
            assertThat(r.unfinished()).isZero();
        }
        assertThat(Files.readString(runDir.resolve("summary.txt")))
                .contains("== Under an arrival rate (open loop) ==", "student CPU b1 t1: closed-loop maximum ");
        assertThat(runDir.resolve("charts/arrivals_hockey_stick.png")).isNotEmptyFile();
        assertThat(Files.readString(runDir.resolve("index.html"))).contains("arrivals.csv");
    }
}
