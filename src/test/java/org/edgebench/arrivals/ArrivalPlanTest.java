package org.edgebench.arrivals;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ArrivalPlanTest {

    @Test
    void ratesInEverySpelling() {
        ArrivalPlan plan = ArrivalPlan.parse(Map.of("--arrivals", "30/s,poisson:500/s,fixed:25fps,120/min,poisson:80%"), Double.NaN, 2);

        assertThat(plan.rates()).containsExactly(new Rate(false, 30, false), new Rate(true, 500, false),
                new Rate(false, 25, false), new Rate(false, 2, false), new Rate(true, 80, true));
        assertThat(plan.rates().get(4).perSecond(2000)).isEqualTo(1600);
        assertThat(plan.sweep()).isFalse();
        assertThat(plan.durationNanos()).isEqualTo(ArrivalPlan.DEFAULT_DURATION_NANOS);
        assertThat(plan.batchings()).containsExactly(Batching.NONE);
    }

    @Test
    void aSweepWithItsBudgetAndBatchersCrossed() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("--arrivals", "sweep");
        given.put("--arrivals-for", "500ms");
        given.put("--max-batch", "1,4");
        given.put("--max-wait-ms", "0,2.5");
        ArrivalPlan plan = ArrivalPlan.parse(given, 10, 2);

        assertThat(plan.sweep()).isTrue();
        assertThat(plan.sloMs()).isEqualTo(10);
        assertThat(plan.durationNanos()).isEqualTo(500_000_000L);
        assertThat(plan.batchings()).extracting(Batching::label).containsExactly("B=1 T=0ms", "B=4 T=0ms", "B=4 T=2.5ms");
    }

    @Test
    void noArrivalsIsNoPlan() {
        assertThat(ArrivalPlan.parse(Map.of(), 10, 2).isEmpty()).isTrue();
    }
}
