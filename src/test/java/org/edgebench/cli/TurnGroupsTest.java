package org.edgebench.cli;

import org.edgebench.run.Configuration;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TurnGroupsTest {

    private static final String ORT = TurnGroups.BENCHMARK;
    private static final String DJL = "org.edgebench.bench.DjlPredictorBenchmark.predict";

    private static Configuration c(String benchmark, String model, String provider, int batch) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("batchSize", Integer.toString(batch));
        params.put("model", model);
        params.put("provider", provider);
        params.put("intraOpThreads", "1");
        return Configuration.planned(benchmark, 1, params);
    }

    @Test
    void providersAndInt8TwinsOfOneSettingFormOneGroupInPlanOrder() {
        Configuration cpu1 = c(ORT, "student", "CPU", 1);
        Configuration xnn1 = c(ORT, "student", "XNNPACK", 1);
        Configuration cpu8 = c(ORT, "student", "CPU", 8);
        Configuration int8cpu1 = c(ORT, "student-int8", "CPU", 1);
        Configuration other1 = c(ORT, "mobilenetv2-224", "CPU", 1);
        Configuration djlCpu = c(DJL, "student", "CPU", 1);
        Configuration djlXnn = c(DJL, "student", "XNNPACK", 1);

        List<List<Configuration>> groups = TurnGroups.of(List.of(cpu1, cpu8, xnn1, djlCpu, int8cpu1, other1, djlXnn), true);

        assertThat(groups).containsExactly(List.of(cpu1, xnn1, int8cpu1), List.of(cpu8), List.of(djlCpu), List.of(other1),
                List.of(djlXnn));
        assertThat(TurnGroups.anyInTurns(groups)).isTrue();
    }

    @Test
    void withoutTurnsEveryConfigurationIsAlone() {
        List<Configuration> planned = List.of(c(ORT, "student", "CPU", 1), c(ORT, "student", "XNNPACK", 1));
        List<List<Configuration>> groups = TurnGroups.of(planned, false);
        assertThat(groups).containsExactly(List.of(planned.get(0)), List.of(planned.get(1)));
        assertThat(TurnGroups.anyInTurns(groups)).isFalse();
    }
}
