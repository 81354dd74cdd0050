package org.edgebench.compare;

import org.edgebench.arrivals.ArrivalRow;
import org.edgebench.arrivals.ArrivalRowsFixture;
import org.edgebench.arrivals.ArrivalsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code compare} of two runs with arrivals.csv: the schedules both ran side by side, never a verdict. */
class ArrivalsCompareTest {

    @TempDir
    Path tmp;

    @Test
    void theSchedulesBothRanSideBySide() throws Exception {
        SyntheticForks gen = new SyntheticForks(5);
        List<SyntheticForks.Histogram> forks = gen.forkHistograms(5, 2_000, 0.55, 0.2, 0.02);
        Path baseline = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.0, forks).writeRun(tmp.resolve("base"), "amd64", "h");
        Path candidate = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.0, forks).writeRun(tmp.resolve("cand"), "amd64", "h");
        List<ArrivalRow> rows = ArrivalRowsFixture.rows();
        for (Path run : List.of(baseline, candidate)) {
            try (Writer out = Files.newBufferedWriter(run.resolve(ArrivalsCsv.FILE))) {
                ArrivalsCsv.write(rows, out);
            }
        }
        Path out = tmp.resolve("out");

        CompareRun compared = CompareRun.of(baseline.toString(), candidate.toString(), "--out", out.toString());

        assertThat(compared.exit()).isZero();
        assertThat(compared.stdout()).contains("### Under an arrival rate (open loop)", "no verdict",
                "| student CPU b1 t1 | 30/s | none | 1 | <= 1.00 ms | <= 1.00 ms | 1.00x |",
                "| student CPU b1 t1 | sweep: peak | B=4 T=2ms | 1 | ");
        assertThat(out.resolve("comparison.md")).content().contains("### Under an arrival rate (open loop)");
    }

    @Test
    void withoutArrivalsOnBothSidesNothingIsAdded() throws Exception {
        SyntheticForks gen = new SyntheticForks(5);
        List<SyntheticForks.Histogram> forks = gen.forkHistograms(5, 2_000, 0.55, 0.2, 0.02);
        Path baseline = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.0, forks).writeRun(tmp.resolve("base"), "amd64", "h");
        Path candidate = new JmhFixture().sample(JmhFixture.params(1), "ms/op", 1.0, forks).writeRun(tmp.resolve("cand"), "amd64", "h");
        try (Writer out = Files.newBufferedWriter(baseline.resolve(ArrivalsCsv.FILE))) {
            ArrivalsCsv.write(ArrivalRowsFixture.rows(), out);
        }

        CompareRun compared = CompareRun.of(baseline.toString(), candidate.toString(), "--out", tmp.resolve("out").toString());

        assertThat(compared.stdout()).doesNotContain("Under an arrival rate");
    }
}
