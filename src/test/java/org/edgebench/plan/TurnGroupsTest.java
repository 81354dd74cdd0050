package org.edgebench.plan;

import org.edgebench.run.Benchmark;
import org.edgebench.run.Configuration;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TurnGroupsTest {

    private static final String ORT = Benchmark.ORT_RUN.jmhName();
    private static final String DJL = Benchmark.DJL_PREDICT.jmhName();
    private static final String COLD = "org.edgebench.bench.SessionColdStartBenchmark.createAndFirstRun";

    private static Configuration c(String benchmark, String model, String provider, int batch) {
        return c(benchmark, model, provider, batch, 1, 1);
    }

    private static Configuration c(String benchmark, String model, String provider, int batch, int threads, int callers) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("batchSize", Integer.toString(batch));
        params.put("model", model);
        params.put("provider", provider);
        params.put("intraOpThreads", Integer.toString(threads));
        return Configuration.planned(benchmark, callers, params);
    }

    @Test
    void whatTheSummaryComparesFormsOneGroupInPlanOrder() {
        Configuration cpu1 = c(ORT, "student", "CPU", 1);
        Configuration xnn1 = c(ORT, "student", "XNNPACK", 1);
        Configuration cpu8 = c(ORT, "student", "CPU", 8);
        Configuration int8cpu1 = c(ORT, "student-int8", "CPU", 1);
        Configuration other1 = c(ORT, "mobilenetv2-224", "CPU", 1);
        Configuration djlCpu = c(DJL, "student", "CPU", 1);
        Configuration threads2 = c(ORT, "student", "CPU", 1, 2, 1);
        Configuration callers2 = c(ORT, "student", "CPU", 1, 1, 2);
        Configuration cold = c(COLD, "student", "XNNPACK", 1);
        Configuration coldCpu = c(COLD, "student", "CPU", 1);

        List<List<Configuration>> groups = TurnGroups.of(
                List.of(cpu1, cpu8, xnn1, djlCpu, int8cpu1, other1, threads2, callers2, cold, coldCpu), true);

        assertThat(groups).containsExactly(List.of(cpu1, xnn1, djlCpu, int8cpu1, threads2, callers2), List.of(cpu8),
                List.of(other1), List.of(cold), List.of(coldCpu));
        assertThat(TurnGroups.anyInTurns(groups)).isTrue();
    }

    @Test
    void aGroupLargerThanTheMostIsCutInPlanOrder() {
        List<Configuration> planned = new java.util.ArrayList<>();
        for (int threads = 1; threads <= TurnGroups.MOST + 2; threads++) {
            planned.add(c(ORT, "student", "CPU", 1, threads, 1));
        }
        List<List<Configuration>> groups = TurnGroups.of(planned, true);
        assertThat(groups).containsExactly(planned.subList(0, TurnGroups.MOST), planned.subList(TurnGroups.MOST, planned.size()));
    }

    @Test
    void withoutTurnsEveryConfigurationIsAlone() {
        List<Configuration> planned = List.of(c(ORT, "student", "CPU", 1), c(ORT, "student", "XNNPACK", 1));
        List<List<Configuration>> groups = TurnGroups.of(planned, false);
        assertThat(groups).containsExactly(List.of(planned.get(0)), List.of(planned.get(1)));
        assertThat(TurnGroups.anyInTurns(groups)).isFalse();
    }
}
