package org.edgebench.analysis;

import org.edgebench.results.Histogram;
import org.edgebench.results.JmhResult;
import org.edgebench.run.Configuration;
import org.edgebench.stats.Metric;
import org.edgebench.stats.Ratio;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link Workloads#providerGroups} and {@link ForkRatios} on hand-made results whose every fork has one latency. */
class ProviderGroupsTest {

    private static final String ORT = "org.edgebench.bench.OrtSessionRunBenchmark.run";
    private static final String DJL = "org.edgebench.bench.DjlPredictorBenchmark.predict";

    @Test
    void providersPairOnModelBatchThreadsCallersDimsAndBenchmarkWithCpuAsTheReference() {
        List<ConfigurationStats> stats = List.of(
                sample(ORT, "student", "XNNPACK", 1, 0, 0.6, 0.66),
                sample(ORT, "student", "CPU", 1, 0, 1.0, 1.2),
                sample(ORT, "student", "ACL", 1, 0, 0.9, 0.9),
                sample(ORT, "student", "CPU", 8, 0, 4.0, 4.0),
                sample(ORT, "student", "XNNPACK", 8, 0, 3.0, 3.0),
                // No CPU at these settings: nothing to pair with, or another thread count.
                sample(ORT, "student", "XNNPACK", 32, 0, 10, 10),
                sample(ORT, "student", "CPU", 1, 2, 0.8, 0.8),
                sample(DJL, "student", "CPU", 1, 0, 1.5, 1.5),
                sample("fixture.SimulatedInferenceBenchmark.run", "student", "CPU", 1, 0, 1, 1),
                sample("fixture.SimulatedInferenceBenchmark.run", "student", "XNNPACK", 1, 0, 1, 1));

        List<Workloads.ProviderGroup> groups = Workloads.providerGroups(stats);

        assertThat(groups).hasSize(2);
        Workloads.ProviderGroup b1 = groups.get(0);
        assertThat(b1.reference().configuration().provider()).isEqualTo("CPU");
        assertThat(b1.reference().configuration().batchSize()).isEqualTo("1");
        assertThat(b1.others()).extracting(o -> o.configuration().provider()).containsExactly("ACL", "XNNPACK");
        assertThat(b1.members()).extracting(s -> s.configuration().provider()).containsExactly("CPU", "ACL", "XNNPACK");
        assertThat(groups.get(1).reference().configuration().batchSize()).isEqualTo("8");
        assertThat(groups).extracting(Workloads.ProviderGroup::setting).containsExactly("student", "student");
    }

    @Test
    void withoutCpuTheFirstProviderByNameIsTheReference() {
        List<ConfigurationStats> stats = List.of(
                sample(ORT, "student", "XNNPACK", 1, 0, 1, 1),
                sample(ORT, "student", "CUDA", 1, 0, 2, 2),
                sample(ORT, "student", "ACL", 1, 0, 3, 3));

        Workloads.ProviderGroup group = Workloads.providerGroups(stats).get(0);

        assertThat(group.reference().configuration().provider()).isEqualTo("ACL");
        assertThat(group.others()).extracting(o -> o.configuration().provider()).containsExactly("CUDA", "XNNPACK");
        assertThat(ForkRatios.speedUp(group.reference(), group.others().get(1)))
                .hasValueSatisfying(r -> assertThat(r.value()).isCloseTo(3.0, within(1e-12)));
    }

    @Test
    void oneProviderMakesNoGroup() {
        List<ConfigurationStats> stats = List.of(
                sample(ORT, "student", "CPU", 1, 0, 1, 1), sample(ORT, "student", "CPU", 8, 0, 4, 4));

        assertThat(Workloads.providerGroups(stats)).isEmpty();
    }

    @Test
    void theSpeedUpIsTheRatioOfP50ForkMediansWithTheExtremeForkRatiosAsItsTwoForkInterval() {
        ConfigurationStats cpu = sample(ORT, "student", "CPU", 1, 0, 1.0, 1.2);
        ConfigurationStats xnnpack = sample(ORT, "student", "XNNPACK", 1, 0, 0.6, 0.66);

        Ratio speedUp = ForkRatios.speedUp(cpu, xnnpack).orElseThrow();

        // Medians 1.1 and 0.63; with two forks a side the interval's ends pair the extreme forks.
        assertThat(speedUp.value()).isCloseTo(1.1 / 0.63, within(1e-12));
        assertThat(speedUp.low()).isCloseTo(1.0 / 0.66, within(1e-12));
        assertThat(speedUp.high()).isCloseTo(1.2 / 0.6, within(1e-12));
        assertThat(speedUp.text()).isEqualTo("1.75x [1.52x, 2.00x]");
        assertThat(ForkRatios.latency(cpu, xnnpack, Metric.P95).orElseThrow().value()).isCloseTo(0.63 / 1.1, within(1e-12));
    }

    @Test
    void itemsPerSecondAreComputedPerFork() {
        // Batch 8 at 2 ms and 4 ms per call: 4,000 and 2,000 items/s, against 8,000 at 1 ms.
        ConfigurationStats slow = sample(ORT, "student", "CPU", 8, 0, 2, 4);
        ConfigurationStats fast = sample(ORT, "student", "XNNPACK", 8, 0, 1, 1);

        assertThat(ForkRatios.itemsPerSecond(slow)).containsExactly(4_000, 2_000);
        Ratio r = ForkRatios.itemsPerSecond(slow, fast).orElseThrow();
        assertThat(r.value()).isCloseTo(8_000 / 3_000.0, within(1e-9));
        assertThat(r.low()).isCloseTo(2.0, within(1e-9));
        assertThat(r.high()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void configurationsMeasuredInTurnsPairIterationByIterationInsteadOfForkMedians() {
        // Two forks of three iterations; the other side is 0.5x the reference in every iteration pair,
        // although the forks drift (1 ms then 3 ms) so much that fork medians alone could not tell.
        double[][] cpuMs = {{1, 1.1, 0.9}, {3, 3.3, 2.7}};
        double[][] xnnMs = {{0.5, 0.55, 0.45}, {1.5, 1.65, 1.35}};
        ConfigurationStats cpu = iterations("CPU", "1", cpuMs);
        ConfigurationStats xnnpack = iterations("XNNPACK", "1", xnnMs);

        Ratio paired = ForkRatios.speedUp(cpu, xnnpack).orElseThrow();
        assertThat(ForkRatios.inTurns(cpu, xnnpack)).isTrue();
        assertThat(paired.value()).isCloseTo(2.0, within(1e-9));
        assertThat(paired.low()).isCloseTo(2.0, within(1e-9));
        assertThat(paired.high()).isCloseTo(2.0, within(1e-9));

        // The same data from two groups (not measured in turns with each other): fork medians, a wide interval.
        Ratio unpaired = ForkRatios.speedUp(cpu, iterations("XNNPACK", "2", xnnMs)).orElseThrow();
        assertThat(unpaired.high() / unpaired.low()).isGreaterThan(2.0);
    }

    /** A SampleTime result in turn group {@code group}: one histogram per iteration, every call of an iteration that long. */
    private static ConfigurationStats iterations(String provider, String group, double[][] ms) {
        List<List<Histogram>> forks = Arrays.stream(ms).map(fork -> Arrays.stream(fork)
                .mapToObj(v -> new Histogram(new double[]{v}, new long[]{100})).toList()).toList();
        JmhResult result = new JmhResult(ORT, "sample", ms.length, 1, params("student", provider, 1, 0), "ms/op", 1, 0.01,
                Map.of(), forks, List.of(), Map.of(), group);
        return stats(result);
    }

    @Test
    void aModeWithoutDistributionComparesItemsPerSecond() {
        ConfigurationStats cpu = thrpt("CPU", 1000, 1100);
        ConfigurationStats xnnpack = thrpt("XNNPACK", 2000, 2200);

        Ratio speedUp = ForkRatios.speedUp(cpu, xnnpack).orElseThrow();

        assertThat(ForkRatios.latency(cpu, xnnpack, Metric.P50)).isEmpty();
        assertThat(speedUp.value()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void settingsNameWhatDiffersBetweenGroups() {
        List<ConfigurationStats> stats = List.of(
                sample(ORT, "student", "CPU", 1, 1, 1, 1), sample(ORT, "student", "XNNPACK", 1, 1, 1, 1),
                sample(ORT, "student", "CPU", 1, 2, 1, 1), sample(ORT, "student", "XNNPACK", 1, 2, 1, 1),
                sample(DJL, "student", "CPU", 1, 1, 1, 1), sample(DJL, "student", "XNNPACK", 1, 1, 1, 1));

        assertThat(Workloads.providerGroups(stats)).extracting(Workloads.ProviderGroup::setting).containsExactly(
                "student DjlPredictorBenchmark.predict t1", "student OrtSessionRunBenchmark.run t1",
                "student OrtSessionRunBenchmark.run t2");
    }

    /** A SampleTime result with one fork per value in {@code forkMs}, every call of a fork taking that long. */
    private static ConfigurationStats sample(String benchmark, String model, String provider, int batch, int threads,
                                             double... forkMs) {
        List<List<Histogram>> forks = Arrays.stream(forkMs)
                .mapToObj(ms -> List.of(new Histogram(new double[]{ms}, new long[]{1000}))).toList();
        JmhResult result = new JmhResult(benchmark, "sample", forkMs.length, 1, params(model, provider, batch, threads), "ms/op",
                Arrays.stream(forkMs).average().orElseThrow(), 0.01, Map.of(), forks, List.of(), Map.of());
        return stats(result);
    }

    /** A Throughput result of one iteration per fork, in ops/s. */
    private static ConfigurationStats thrpt(String provider, double... forkOpsPerS) {
        List<List<Double>> raw = Arrays.stream(forkOpsPerS).mapToObj(List::of).toList();
        JmhResult result = new JmhResult(ORT, "thrpt", forkOpsPerS.length, 1, params("student", provider, 1, 0), "ops/s",
                Arrays.stream(forkOpsPerS).average().orElseThrow(), 10, Map.of(), List.of(), raw, Map.of());
        return stats(result);
    }

    private static Map<String, String> params(String model, String provider, int batch, int threads) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("model", model);
        params.put("batchSize", Integer.toString(batch));
        params.put("provider", provider);
        params.put("intraOpThreads", Integer.toString(threads));
        params.put("dims", "");
        return params;
    }

    private static ConfigurationStats stats(JmhResult result) {
        Configuration c = result.configuration();
        return ConfigurationStats.of(result, c.label(true), c.fileLabel(true));
    }
}
