package org.edgebench.analysis;

import org.edgebench.report.WorkloadSections;
import org.edgebench.results.Histogram;
import org.edgebench.results.JmhResult;
import org.edgebench.run.Configuration;
import org.edgebench.stats.Ratio;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The pairing rules of {@link Workloads}, on hand-made results. */
class WorkloadsTest {

    private static final String ORT = "org.edgebench.bench.OrtSessionRunBenchmark.run";
    private static final String DJL = "org.edgebench.bench.DjlPredictorBenchmark.predict";
    private static final String COLD = "org.edgebench.bench.SessionColdStartBenchmark.createSessionAndRunFirst";
    private static final String WARMUP = "org.edgebench.bench.WarmupCurveBenchmark.run";

    @Test
    void int8ModelsPairWithTheirFp32ModelOnEveryOtherParameter() {
        List<ConfigurationStats> stats = List.of(
                sample(ORT, "student", 1, 1, "", 2.0),
                sample(ORT, "student-int8", 1, 1, "", 1.0),
                sample(ORT, "student", 8, 1, "", 8.0),
                sample(ORT, "student-int8", 8, 2, "", 4.0),
                sample(ORT, "all-minilm-l6-v2", 1, 0, "sequence_length=128", 6.0),
                sample(ORT, "all-minilm-l6-v2-int8", 1, 0, "sequence_length=128", 3.0),
                sample(ORT, "all-minilm-l6-v2-int8", 1, 0, "sequence_length=64", 1.5),
                sample(ORT, "orphan-int8", 1, 1, "", 1.0),
                sample(DJL, "student-int8", 1, 1, "", 1.2));

        List<Workloads.Int8Pair> pairs = Workloads.int8Pairs(stats);

        assertThat(pairs).extracting(Workloads.Int8Pair::fp32Model).containsExactly("all-minilm-l6-v2", "student");
        assertThat(pairs.get(0).int8Model()).isEqualTo("all-minilm-l6-v2-int8");
        assertThat(pairs.get(0).rows()).singleElement().satisfies(r -> {
            assertThat(r.fp32().p50Ms()).isEqualTo(6.0);
            assertThat(r.int8().p50Ms()).isEqualTo(3.0);
        });
        // batch 8 ran at different thread counts, and DJL has no fp32 partner: only batch 1 of OrtSessionRunBenchmark pairs.
        assertThat(pairs.get(1).rows()).singleElement().satisfies(r -> {
            assertThat(r.fp32().configuration().batchSize()).isEqualTo("1");
            assertThat(r.int8().configuration().model()).isEqualTo("student-int8");
        });
    }

    @Test
    void int8PairingLeavesOutSingleShotsAndOtherSuites() {
        List<ConfigurationStats> stats = List.of(
                shots(COLD, "student", 200, 210), shots(COLD, "student-int8", 100, 110),
                sample("fixture.SimulatedInferenceBenchmark.run", "student", 1, 0, "", 2.0),
                sample("fixture.SimulatedInferenceBenchmark.run", "student-int8", 1, 0, "", 1.0));

        assertThat(Workloads.int8Pairs(stats)).isEmpty();
    }

    /**
     * One comparison of outputs per model pair and provider, on the first paired configuration in
     * the report's order: the smallest batch, then the fewest threads (0, the default, last).
     */
    @Test
    void int8TwinsAreOnePerPairAndProviderOnTheirFirstPairedConfiguration() {
        List<Configuration> ran = List.of(
                sample(ORT, "student", 8, 1, "", 1).configuration(),
                sample(ORT, "student-int8", 8, 1, "", 1).configuration(),
                sample(ORT, "student", 1, 0, "", 1).configuration(),
                sample(ORT, "student-int8", 1, 0, "", 1).configuration(),
                sample(ORT, "student", 1, 2, "", 1).configuration(),
                sample(ORT, "student-int8", 1, 2, "", 1).configuration(),
                sample(DJL, "student-int8", 4, 1, "", 1).configuration(),
                sample(ORT, "orphan-int8", 1, 1, "", 1).configuration(),
                shots(COLD, "other", 1).configuration(),
                shots(COLD, "other-int8", 1).configuration(),
                withProvider(sample(ORT, "student", 32, 1, "", 1).configuration(), "XNNPACK"),
                withProvider(sample(ORT, "student-int8", 32, 1, "", 1).configuration(), "XNNPACK"));

        List<Workloads.Int8Twin> twins = Workloads.int8Twins(ran);

        assertThat(twins).extracting(t -> t.int8().label()).containsExactly("student-int8 CPU b1 t2", "student-int8 XNNPACK b32 t1");
        assertThat(twins).allSatisfy(t -> assertThat(t.fp32().key()).isEqualTo(t.int8().key().with("model", "student")));
    }

    private static Configuration withProvider(Configuration c, String provider) {
        Map<String, String> params = new LinkedHashMap<>(c.params());
        params.put("provider", provider);
        return new Configuration(c.benchmark(), c.mode(), c.callers(), params);
    }

    @Test
    void djlMatchesRawOnnxRuntimeOnModelBatchProviderThreadsDimsAndMode() {
        List<ConfigurationStats> stats = List.of(
                sample(DJL, "student", 1, 1, "", 0.7),
                sample(ORT, "student", 1, 1, "", 0.5),
                sample(ORT, "student", 8, 1, "", 4.0),
                sample(DJL, "student", 8, 2, "", 3.0),
                sample(ORT, "all-minilm-l6-v2", 1, 0, "sequence_length=128", 6.0),
                sample(DJL, "all-minilm-l6-v2", 1, 0, "sequence_length=64", 3.0),
                sample(ORT, "all-minilm-l6-v2", 1, 0, "sequence_length=64", 3.5));

        List<Workloads.DjlPair> pairs = Workloads.djlPairs(stats);

        assertThat(pairs).hasSize(2);
        assertThat(pairs.get(0).raw().configuration().otherParamsText()).isEqualTo("dims=sequence_length=64");
        assertThat(pairs.get(0).djl().p50Ms()).isEqualTo(3.0);
        assertThat(pairs.get(1).raw().p50Ms()).isEqualTo(0.5);
        assertThat(pairs.get(1).djl().p50Ms()).isEqualTo(0.7);
    }

    @Test
    void coldStartTakesEachForksFirstShotAndTheWarmP50OfTheSameConfiguration() {
        List<ConfigurationStats> stats = List.of(
                shots(COLD, "student", 300, 200, 100, 250, 220),
                sample(ORT, "student", 1, 1, "", 0.5),
                sample(ORT, "student", 8, 1, "", 4.0));

        Workloads.ColdStart cold = Workloads.coldStarts(stats).get(0);

        assertThat(cold.forks()).isEqualTo(5);
        assertThat(cold.medianMs()).isEqualTo(220);
        assertThat(cold.minMs()).isEqualTo(100);
        assertThat(cold.maxMs()).isEqualTo(300);
        assertThat(cold.warmMs()).hasValue(0.5);
        assertThat(WorkloadSections.coldStartLine(cold))
                .isEqualTo("student CPU b1 t1: cold start 220.0 ms (median of 5 forks, 100.0 to 300.0 ms) = 440x the warm P50 0.500 ms");
    }

    @Test
    void laterSessionsOfAForkAreLeftOutOfTheColdStart() {
        ConfigurationStats cold = ss(COLD, "student", new double[][]{{200, 20, 20}, {180, 18, 18}, {220, 22, 22}});

        assertThat(Workloads.coldStarts(List.of(cold)).get(0).medianMs()).isEqualTo(200);
    }

    @Test
    void withoutAWarmRunTheColdStartIsComparedWithTheWarmupCurveOrNothing() {
        double[][] curve = new double[3][20];
        for (double[] fork : curve) {
            Arrays.fill(fork, 0.6);
            fork[0] = 6.0;
        }
        List<ConfigurationStats> withCurve = List.of(shots(COLD, "student", 120), ss(WARMUP, "student", curve));
        List<ConfigurationStats> alone = List.of(shots(COLD, "student", 120));

        Workloads.ColdStart compared = Workloads.coldStarts(withCurve).get(0);
        Workloads.ColdStart bare = Workloads.coldStarts(alone).get(0);

        assertThat(compared.warmMs()).hasValue(0.6);
        assertThat(WorkloadSections.coldStartLine(compared)).endsWith("= 200x the warm-up curve's steady P50 0.600 ms");
        assertThat(bare.warmMs()).isEmpty();
        assertThat(WorkloadSections.coldStartLine(bare)).isEqualTo("student CPU b1 t1: cold start 120.0 ms (1 fork)");
    }

    @Test
    void theWarmupLineSaysFirstSteadyAndWhenItSettled() {
        double[][] forks = new double[3][30];
        for (double[] fork : forks) {
            Arrays.fill(fork, 1.0);
            fork[0] = 20;
            fork[1] = 5;
            fork[2] = 2;
        }
        Workloads.Curve curve = Workloads.warmupCurves(List.of(ss(WARMUP, "student", forks))).get(0);

        assertThat(WorkloadSections.warmupLine(curve)).isEqualTo(
                "student CPU b1 t1: first inference 20.00 ms (20.0x steady), steady P50 1.000 ms, reached after about 3 runs (median of 3 forks)");
    }

    @Test
    void aCurveThatNeverSettlesSaysSo() {
        double[][] forks = new double[2][10];
        for (double[] fork : forks) {
            for (int k = 0; k < fork.length; k++) {
                // Drifting up: the last runs stay more than 10% above the median of the last half.
                fork[k] = 1 + k;
            }
        }
        Workloads.Curve curve = Workloads.warmupCurves(List.of(ss(WARMUP, "student", forks))).get(0);

        assertThat(WorkloadSections.warmupLine(curve)).contains("did not settle within 10 runs");
    }

    @Test
    void threadLinesNeedTwoThreadCountsAndPutTheDefaultLast() {
        List<ConfigurationStats> stats = List.of(
                sample(ORT, "student", 1, 0, "", 0.4),
                sample(ORT, "student", 1, 2, "", 0.45),
                sample(ORT, "student", 1, 1, "", 0.5),
                sample(ORT, "student", 8, 1, "", 4.0),
                sample(ORT, "student-int8", 1, 1, "", 0.3));

        List<Workloads.ThreadLine> lines = Workloads.threadLines(stats);

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.name()).isEqualTo("student b1");
            assertThat(line.points()).extracting(s -> s.configuration().intraOpThreads()).containsExactly("1", "2", "0");
        });
        assertThat(Workloads.threadLines(stats.subList(3, 5))).isEmpty();
    }

    @Test
    void threadLinesNameTheBenchmarkWhenBothRan() {
        List<ConfigurationStats> stats = List.of(
                sample(ORT, "student", 1, 1, "", 0.5), sample(ORT, "student", 1, 2, "", 0.4),
                sample(DJL, "student", 1, 1, "", 0.6), sample(DJL, "student", 1, 2, "", 0.5));

        assertThat(Workloads.threadLines(stats)).extracting(Workloads.ThreadLine::name)
                .containsExactly("DjlPredictorBenchmark.predict student b1", "OrtSessionRunBenchmark.run student b1");
    }

    @Test
    void callerLinesHoldOneSettingAtEachCallerCountFewestFirst() {
        List<ConfigurationStats> stats = List.of(
                called(ORT, "student", 1, 4, 1.2),
                called(ORT, "student", 1, 1, 0.5),
                called(ORT, "student", 1, 2, 0.55),
                called(ORT, "student", 8, 1, 4.0),
                called(DJL, "student", 8, 2, 3.0),
                shots(COLD, "student", 200, 210));

        List<Workloads.CallerLine> lines = Workloads.callerLines(stats);

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.name()).isEqualTo("student CPU b1 t1");
            assertThat(line.points()).extracting(s -> s.configuration().callers()).containsExactly(1, 2, 4);
            // 2 x 1000 / 0.55 ms against 1000 / 0.5 ms; four callers, at 1.2 ms a call, add no more.
            assertThat(WorkloadSections.callersLine(line))
                    .isEqualTo("student CPU b1 t1: most items/s with 2 callers: 1.82x the items/s of 1, P95 +10.0%");
        });
    }

    @Test
    void whenOneCallerGivesTheMostItemsPerSecondTheLineSaysMoreAddNone() {
        List<ConfigurationStats> stats = List.of(called(ORT, "student", 1, 1, 0.5), called(ORT, "student", 1, 2, 1.1));

        assertThat(WorkloadSections.callersLine(Workloads.callerLines(stats).get(0))).isEqualTo("student CPU b1 t1:"
                + " most items/s with 1 caller; more callers add no throughput (2 callers: 0.91x the items/s of 1, P95 +120.0%)");
    }

    @Test
    void theSameConfigurationElsewhereHasTheSameCallers() {
        ConfigurationStats raw1 = called(ORT, "student", 1, 1, 0.5);
        ConfigurationStats raw2 = called(ORT, "student", 1, 2, 0.55);
        ConfigurationStats djl2 = called(DJL, "student", 1, 2, 0.8);

        assertThat(raw1.configuration().key()).isNotEqualTo(raw2.configuration().key());
        assertThat(raw1.configuration().key().anyCallers()).isEqualTo(raw2.configuration().key().anyCallers());
        assertThat(Workloads.djlPairs(List.of(raw1, raw2, djl2))).singleElement()
                .satisfies(p -> assertThat(p.raw()).isSameAs(raw2));
        // Two callers' thread scaling is a line of its own, named apart from one caller's.
        List<ConfigurationStats> scaling = List.of(raw1, called(ORT, "student", 1, 1, 0.4, 2), raw2, called(ORT, "student", 1, 2, 0.45, 2));
        assertThat(Workloads.threadLines(scaling)).extracting(Workloads.ThreadLine::name).containsExactly("student b1", "student b1 c2");
    }

    @Test
    void speedUpsAndRatiosAreReadable() {
        assertThat(Ratio.times(1.914)).isEqualTo("1.91x");
        assertThat(Ratio.times(23.04)).isEqualTo("23.0x");
        assertThat(Ratio.times(359.7)).isEqualTo("360x");
        assertThat(Workloads.ratio(1, 0)).isEmpty();
        assertThat(Workloads.ratio(Double.NaN, 1)).isEmpty();
        assertThat(Workloads.ratio(3, 2)).hasValueSatisfying(r -> assertThat(r).isCloseTo(1.5, within(1e-12)));
    }

    /** A SampleTime result whose every call took {@code ms} (so its P50 is {@code ms}). */
    private static ConfigurationStats sample(String benchmark, String model, int batch, int threads, String dims, double ms) {
        JmhResult result = new JmhResult(benchmark, "sample", 1, 1, params(model, batch, threads, dims), "ms/op", ms, 0.01,
                Map.of(), List.of(List.of(new Histogram(new double[]{ms}, new long[]{1000}))), List.of(), Map.of());
        return stats(result);
    }

    /** {@link #sample} of one intra-op thread, called by {@code callers} JMH threads at once. */
    private static ConfigurationStats called(String benchmark, String model, int batch, int callers, double ms) {
        return called(benchmark, model, batch, callers, ms, 1);
    }

    private static ConfigurationStats called(String benchmark, String model, int batch, int callers, double ms, int intraOpThreads) {
        JmhResult result = new JmhResult(benchmark, "sample", 1, callers, params(model, batch, intraOpThreads, ""), "ms/op", ms, 0.01,
                Map.of(), List.of(List.of(new Histogram(new double[]{ms}, new long[]{1000}))), List.of(), Map.of());
        return stats(result);
    }

    /** A SingleShotTime result of one shot per fork. */
    private static ConfigurationStats shots(String benchmark, String model, double... firstShotMs) {
        double[][] forks = new double[firstShotMs.length][];
        for (int f = 0; f < forks.length; f++) {
            forks[f] = new double[]{firstShotMs[f]};
        }
        return ss(benchmark, model, forks);
    }

    private static ConfigurationStats ss(String benchmark, String model, double[][] forksMs) {
        List<List<Double>> raw = new ArrayList<>();
        double sum = 0;
        int n = 0;
        for (double[] fork : forksMs) {
            raw.add(Arrays.stream(fork).boxed().toList());
            sum += Arrays.stream(fork).sum();
            n += fork.length;
        }
        JmhResult result = new JmhResult(benchmark, "ss", forksMs.length, 1, params(model, 1, 1, ""), "ms/op", sum / n,
                Double.NaN, Map.of(), List.of(), raw, Map.of());
        return stats(result);
    }

    private static Map<String, String> params(String model, int batch, int threads, String dims) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("model", model);
        params.put("batchSize", Integer.toString(batch));
        params.put("provider", "CPU");
        params.put("intraOpThreads", Integer.toString(threads));
        params.put("dims", dims);
        return params;
    }

    private static ConfigurationStats stats(JmhResult result) {
        Configuration c = result.configuration();
        return ConfigurationStats.of(result, c.label(true), c.fileLabel(true));
    }
}
