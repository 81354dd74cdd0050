package org.edgebench.arrivals;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ArrivalFindingsTest {

    @TempDir
    Path dir;

    @Test
    void theRunnerServesEveryRateWithEveryBatcherThenSweeps() throws Exception {
        List<ArrivalRow> rows = ArrivalRowsFixture.rows();

        assertThat(rows.stream().filter(r -> r.run().equals(ArrivalRow.RATE)).map(r -> r.asked() + " " + r.batching().label()))
                .containsExactly("30/s B=1 T=0ms", "30/s B=4 T=2ms", "poisson:95% B=1 T=0ms", "poisson:95% B=4 T=2ms");
        assertThat(rows.stream().filter(r -> r.run().equals(ArrivalRow.SWEEP) && r.peak())).hasSize(2);
        ArrivalRow camera = rows.get(0);
        assertThat(camera.requests()).isEqualTo(900);
        assertThat(camera.waiting().max()).isZero();
        assertThat(camera.response().p99Bound()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(camera.response().p999Bound()).isNaN();
    }

    @Test
    void theBatcherWithTheMostHeadroomAndThePeakRate() throws Exception {
        ArrivalFindings f = ArrivalFindings.of(ArrivalRowsFixture.rows());

        assertThat(f.advice()).hasSize(2);
        // At 30/s a batch never fills: waiting 2 ms for one costs headroom, so no batching wins.
        assertThat(f.advice().get(0)).startsWith("student CPU b1 t1 at 30/s: batcher none (B=1) keeps P99 within 10 ms with"
                + " the most headroom (P99 bound 1.00 ms, 9.00 ms to spare; mean batch 1.00); 2 of 2 batchers tried keep it");
        // Near the closed-loop maximum the batches' shorter calls drain the queue.
        assertThat(f.advice().get(1)).startsWith("student CPU b1 t1 at poisson:95% (950/s): batcher B=4 T=2ms keeps P99 within 10 ms");
        assertThat(f.lines()).anySatisfy(l -> assertThat(l).startsWith("student CPU b1 t1: peak Poisson rate with P99 within 10 ms: "))
                .anySatisfy(l -> assertThat(l).startsWith("student CPU b1 t1 B=4 T=2ms: peak Poisson rate with P99 within 10 ms: "));
        assertThat(f.rows()).hasSize(ArrivalRowsFixture.rows().size());
    }

    @Test
    void aBatcherThatNeverBatchedIsNotCreditedWithItsLead() {
        ArrivalRow none = camera(1, 15.6, 1.0);
        ArrivalRow greedy = camera(4, 4.74, 1.0);

        assertThat(ArrivalFindings.of(List.of(none, greedy)).advice()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("student CPU b1 t1 at 30/s: batcher B=4 T=0ms keeps P99 within 10 ms with the most headroom")
                .endsWith("its lead over none is the machine's, not the batcher's"));
        assertThat(ArrivalFindings.of(List.of(none, camera(4, 4.74, 1.5))).advice().get(0)).doesNotContain("the machine's");
    }

    private static ArrivalRow camera(int maxBatch, double p99BoundMs, double meanBatch) {
        ArrivalRow.Tail tail = new ArrivalRow.Tail(1, 2, 3, 4, 20, 3, p99BoundMs, Double.NaN);
        return new ArrivalRow("student CPU b1 t1", "student", "CPU", "1", "1", "", ArrivalRow.RATE, "fixed", "30/s", 30, 30, 2000,
                25, 1, maxBatch, 0, meanBatch, 750, 0, true, 0, tail, tail, 1, 1.5, 0.5, 10, 99,
                p99BoundMs <= 10 ? "yes" : "no", false);
    }

    @Test
    void theCsvReadsBackAsWritten() throws Exception {
        List<ArrivalRow> rows = ArrivalRowsFixture.rows();
        StringWriter first = new StringWriter();
        ArrivalsCsv.write(rows, first);
        Files.writeString(dir.resolve(ArrivalsCsv.FILE), first.toString());

        StringWriter second = new StringWriter();
        ArrivalsCsv.write(ArrivalsCsv.read(dir), second);

        assertThat(second.toString()).isEqualTo(first.toString());
        assertThat(first.toString().lines().findFirst().orElseThrow()).startsWith("configuration,model,provider,batch_size,");
    }
}
