package org.edgebench.arrivals;

import org.edgebench.run.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * arrivals.csv rows of a made-up configuration whose every call takes 1 ms plus 0.2 ms per extra
 * batched request (closed-loop maximum 1,000 calls/s), served on a clock the test advances: the
 * rates of {@code --arrivals 30/s,poisson:95% --max-batch 1,4 --max-wait-ms 2} and a sweep within 10 ms.
 */
public final class ArrivalRowsFixture {

    public static final double CLOSED_LOOP_PER_S = 1000;
    public static final double SLO_MS = 10;

    private ArrivalRowsFixture() {
    }

    public static Configuration configuration() {
        return Configuration.planned("org.edgebench.bench.OrtSessionRunBenchmark.run", 1,
                Map.of("model", "student", "provider", "CPU", "batchSize", "1", "intraOpThreads", "1"));
    }

    public static List<ArrivalRow> rows() throws Exception {
        ArrivalPlan plan = ArrivalPlan.parse(Map.of("--arrivals", "30/s,poisson:95%,sweep", "--arrivals-for", "30s",
                "--max-batch", "1,4", "--max-wait-ms", "2"), SLO_MS, 2);
        OpenLoopQueueingTest.ManualClock clock = new OpenLoopQueueingTest.ManualClock();
        List<ArrivalRow> rows = new ArrayList<>();
        new ArrivalRunner(plan, clock, line -> { }).run(configuration(), CLOSED_LOOP_PER_S, clock.service(1_000_000, 200_000), rows::add);
        return rows;
    }
}
