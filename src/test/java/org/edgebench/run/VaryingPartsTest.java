package org.edgebench.run;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class VaryingPartsTest {

    private static final String ORT = "org.edgebench.bench.OrtSessionRunBenchmark.run";
    private static final String DJL = "org.edgebench.bench.DjlPredictorBenchmark.predict";

    private static Configuration config(String benchmark, String mode, String provider, String batch, String threads) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("model", "student");
        params.put("batchSize", batch);
        params.put("provider", provider);
        params.put("intraOpThreads", threads);
        return new Configuration(benchmark, mode, 1, params);
    }

    @Test
    void aPartShownWhereItVariesJoinsTheNameAndOneThatDoesNotStaysOut() {
        List<Configuration> among = List.of(config(ORT, "sample", "CPU", "1", "1"), config(ORT, "sample", "XNNPACK", "1", "1"));
        Function<Configuration, String> name = VaryingParts.namer(among, VaryingParts.BENCHMARK, VaryingParts.MODE,
                VaryingParts.PROVIDER, VaryingParts.always(c -> "b" + c.batchSize()));

        assertThat(among).extracting(name).containsExactly("CPU b1", "XNNPACK b1");
    }

    @Test
    void benchmarkAndModeJoinOnlyWhenTheyDiffer() {
        List<Configuration> among = List.of(config(ORT, "sample", "CPU", "1", "1"), config(DJL, "sample", "CPU", "1", "1"));
        Function<Configuration, String> name = VaryingParts.namer(among, VaryingParts.BENCHMARK, VaryingParts.MODE,
                VaryingParts.always(Configuration::group));

        assertThat(among).extracting(name)
                .containsExactly("OrtSessionRunBenchmark.run student", "DjlPredictorBenchmark.predict student");
    }

    @Test
    void anEmptyTextIsLeftOutEvenWhenItsPartIsShown() {
        Configuration withoutProvider = new Configuration(ORT, "sample", 1, Map.of("model", "student"));
        List<Configuration> among = List.of(config(ORT, "sample", "CPU", "1", "1"), withoutProvider);
        Function<Configuration, String> name = VaryingParts.namer(among, VaryingParts.PROVIDER, VaryingParts.always(Configuration::model));

        assertThat(name.apply(withoutProvider)).isEqualTo("student");
        assertThat(name.apply(among.get(0))).isEqualTo("CPU student");
    }

    @Test
    void theOneOrderPutsOrtsOwnThreadChoiceAfterTheExplicitCounts() {
        List<Configuration> configurations = new ArrayList<>(List.of(config(ORT, "sample", "CPU", "8", "0"),
                config(ORT, "sample", "CPU", "8", "2"), config(ORT, "sample", "CPU", "1", "0"), config(ORT, "sample", "CPU", "8", "1")));
        configurations.sort(Configuration.ORDER);

        assertThat(configurations).extracting(c -> c.batchSize() + "/" + c.intraOpThreads())
                .containsExactly("1/0", "8/1", "8/2", "8/0");
    }
}
