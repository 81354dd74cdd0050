package org.edgebench.analysis;

import org.edgebench.run.Benchmark;
import org.edgebench.run.Configuration;
import org.edgebench.run.VaryingParts;
import org.edgebench.stats.Median;
import org.openjdk.jmh.annotations.Mode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finds, among a run's results, the suite's workload benchmarks and what they are compared with:
 * the warm-up curve, the cold start next to the warm latency, DJL next to raw ONNX Runtime, each
 * int8 model next to its fp32 original, thread scaling, execution providers side by side and
 * concurrent callers. Benchmarks are recognised by their class's simple name, so a run saved by an
 * older build (or a renamed package) still pairs up. Everything here is pure: lists in, pairs out,
 * in a stable order (model, provider, batch, threads, callers).
 */
public final class Workloads {

    static final String INT8_SUFFIX = "-int8";

    /** A warm-up curve of one configuration: the analysis of its forks' single shots. */
    public record Curve(ConfigurationStats stats, WarmupCurve curve, List<List<Double>> forksMs) {
    }

    /**
     * A cold start: each fork's first session, with the warm latency of the same configuration
     * when the run has one ({@code warmWhat} says where it comes from).
     */
    public record ColdStart(ConfigurationStats stats, double medianMs, double minMs, double maxMs, int forks,
                     OptionalDouble warmMs, String warmWhat) {
    }

    /** The same configuration through raw ONNX Runtime and through DJL. */
    public record DjlPair(ConfigurationStats raw, ConfigurationStats djl) {
    }

    /** A model and its {@code -int8} variant, each row the same benchmark and settings. */
    public record Int8Pair(String fp32Model, String int8Model, List<Int8Row> rows) {
    }

    public record Int8Row(ConfigurationStats fp32, ConfigurationStats int8) {
    }

    /** A configuration of a model and the same configuration of its {@code -int8} twin. */
    public record Int8Twin(Configuration fp32, Configuration int8) {
    }

    /** Configurations that differ only in their intra-op thread count, fewest threads first (0, the default, last). */
    public record ThreadLine(String name, List<ConfigurationStats> points) {
    }

    /**
     * Configurations that differ only in their execution provider: the reference, against which the
     * others' speed-ups are given ({@link ForkRatios#speedUp}), and every other provider in name order.
     */
    public record ProviderGroup(String setting, ConfigurationStats reference, List<ConfigurationStats> others) {

        /** The reference first, then the others. */
        public List<ConfigurationStats> members() {
            List<ConfigurationStats> members = new ArrayList<>();
            members.add(reference);
            members.addAll(others);
            return members;
        }
    }

    /** The provider every other is compared with when it ran: what a machine without accelerators has anyway. */
    public static final String REFERENCE_PROVIDER = "CPU";

    /** One setting run with two or more caller counts (JMH threads calling one session), fewest callers first. */
    public record CallerLine(String name, List<ConfigurationStats> points) {
    }

    static final Comparator<ConfigurationStats> ORDER = Comparator.comparing(ConfigurationStats::configuration, Configuration.ORDER);

    /* The batch sizes of one setting next to each other, so a sentence can run through them. */
    private static final Comparator<ConfigurationStats> PROVIDER_GROUP_ORDER = Comparator
            .comparing((ConfigurationStats s) -> s.configuration().model())
            .thenComparing(s -> s.configuration().benchmark())
            .thenComparing(s -> s.configuration().mode())
            .thenComparingInt(s -> s.configuration().callers())
            .thenComparing(s -> s.configuration().otherParamsText())
            .thenComparingInt(s -> Configuration.threadOrder(s.configuration().intraOpThreads()))
            .thenComparingInt(s -> Configuration.number(s.configuration().batchSize()));

    private Workloads() {
    }

    /** True when the result is one of {@code benchmarkClass}'s methods (matched by the class's simple name). */
    static boolean is(ConfigurationStats s, Benchmark benchmark) {
        return benchmark.is(s.configuration());
    }

    private static boolean is(Configuration c, Benchmark benchmark) {
        return benchmark.is(c);
    }

    /** OrtSessionRunBenchmark or DjlPredictorBenchmark, in a mode that times warm calls (not single shots). */
    static boolean steadyState(ConfigurationStats s) {
        return steadyState(s.configuration());
    }

    private static boolean steadyState(Configuration c) {
        return (is(c, Benchmark.ORT_RUN) || is(c, Benchmark.DJL_PREDICT)) && !c.in(Mode.SingleShotTime);
    }

    /** WarmupCurveBenchmark's single-shot results, each iteration one inference after session creation. */
    public static List<Curve> warmupCurves(List<ConfigurationStats> stats) {
        List<Curve> curves = new ArrayList<>();
        for (ConfigurationStats s : sorted(stats, s -> is(s, Benchmark.WARMUP_CURVE) && s.configuration().in(Mode.SingleShotTime))) {
            List<List<Double>> forks = s.iterationMs().stream()
                    .map(fork -> fork.stream().filter(v -> Double.isFinite(v) && v >= 0).toList())
                    .filter(fork -> !fork.isEmpty())
                    .toList();
            if (!forks.isEmpty()) {
                double[][] latencies = forks.stream().map(f -> f.stream().mapToDouble(Double::doubleValue).toArray())
                        .toArray(double[][]::new);
                curves.add(new Curve(s, WarmupCurve.of(latencies), forks));
            }
        }
        return curves;
    }

    /**
     * SessionColdStartBenchmark's results. Only each fork's first shot counts: that is the JVM's first
     * session, which is what the benchmark measures; with {@code -i} above 1 the later shots are
     * sessions of a warm process and would pull the median down.
     */
    public static List<ColdStart> coldStarts(List<ConfigurationStats> stats) {
        Map<Configuration.Key, Double> warm = new LinkedHashMap<>();
        for (ConfigurationStats s : stats) {
            if (is(s, Benchmark.ORT_RUN) && s.configuration().in(Mode.SampleTime) && Double.isFinite(s.p50Ms())) {
                warm.putIfAbsent(setting(s), s.p50Ms());
            }
        }
        Map<Configuration.Key, Double> steady = new LinkedHashMap<>();
        for (Curve c : warmupCurves(stats)) {
            steady.putIfAbsent(setting(c.stats()), c.curve().steadyP50Ms());
        }
        List<ColdStart> cold = new ArrayList<>();
        for (ConfigurationStats s : sorted(stats, s -> is(s, Benchmark.COLD_START) && s.configuration().in(Mode.SingleShotTime))) {
            double[] firsts = s.iterationMs().stream().filter(fork -> !fork.isEmpty()).mapToDouble(fork -> fork.get(0))
                    .filter(Double::isFinite).sorted().toArray();
            if (firsts.length == 0) {
                continue;
            }
            // The cold run is SingleShotTime and the warm one SampleTime, so the mode is not part of the match.
            Configuration.Key setting = setting(s);
            Double reference = warm.get(setting.inMode(Mode.SampleTime.shortLabel()));
            String what = "the warm P50";
            if (reference == null) {
                reference = steady.get(setting);
                what = "the warm-up curve's steady P50";
            }
            cold.add(new ColdStart(s, Median.of(firsts), firsts[0], firsts[firsts.length - 1], firsts.length,
                    reference == null ? OptionalDouble.empty() : OptionalDouble.of(reference), reference == null ? "" : what));
        }
        return cold;
    }

    /** Each OrtSessionRunBenchmark result with the DjlPredictorBenchmark result of the same parameters and mode. */
    public static List<DjlPair> djlPairs(List<ConfigurationStats> stats) {
        Map<Configuration.Key, ConfigurationStats> djl = new LinkedHashMap<>();
        for (ConfigurationStats s : stats) {
            if (is(s, Benchmark.DJL_PREDICT)) {
                djl.putIfAbsent(setting(s), s);
            }
        }
        List<DjlPair> pairs = new ArrayList<>();
        for (ConfigurationStats raw : sorted(stats, s -> is(s, Benchmark.ORT_RUN))) {
            ConfigurationStats match = djl.remove(setting(raw));
            if (match != null) {
                pairs.add(new DjlPair(raw, match));
            }
        }
        return pairs;
    }

    /**
     * Models named {@code X-int8} with their model {@code X}, matched on benchmark, mode and every
     * other parameter, in the suite's steady-state benchmarks (OrtSessionRunBenchmark,
     * DjlPredictorBenchmark). The cold start and the warm-up curve stay out: they time one-off
     * costs, which quantisation is not about; another suite's benchmarks stay out so its report is
     * the one it always was.
     */
    public static List<Int8Pair> int8Pairs(List<ConfigurationStats> stats) {
        Map<Configuration.Key, ConfigurationStats> byKey = new LinkedHashMap<>();
        for (ConfigurationStats s : stats) {
            byKey.putIfAbsent(s.configuration().key(), s);
        }
        Map<String, List<Int8Row>> rows = new TreeMap<>();
        for (ConfigurationStats int8 : sorted(stats, s -> steadyState(s) && fp32Twin(s.configuration()).isPresent())) {
            String fp32Model = fp32Twin(int8.configuration()).orElseThrow();
            ConfigurationStats fp32 = byKey.get(int8.configuration().key().with(Configuration.MODEL, fp32Model));
            if (fp32 != null) {
                rows.computeIfAbsent(fp32Model, m -> new ArrayList<>()).add(new Int8Row(fp32, int8));
            }
        }
        List<Int8Pair> pairs = new ArrayList<>();
        rows.forEach((fp32Model, list) -> {
            list.sort(Comparator.comparing((Int8Row r) -> r.fp32(), ORDER));
            pairs.add(new Int8Pair(fp32Model, fp32Model + INT8_SUFFIX, List.copyOf(list)));
        });
        return pairs;
    }

    /**
     * The configurations on which to compare each int8 model's outputs with its fp32 model's: for
     * every model pair and provider that {@link #int8Pairs} pairs, the first paired configuration in
     * the report's order (smallest batch, fewest threads), whose batch size, intra-op threads and
     * {@code dims} the comparison then uses. One per pair and provider: the outputs depend on the
     * model and the provider's kernels, not on how many threads or callers computed them.
     */
    public static List<Int8Twin> int8Twins(List<Configuration> configurations) {
        Map<Configuration.Key, Configuration> byKey = new LinkedHashMap<>();
        configurations.forEach(c -> byKey.putIfAbsent(c.key(), c));
        // Sorted by model and provider first, so the first configuration of each pair and provider comes first.
        Map<List<String>, Int8Twin> twins = new LinkedHashMap<>();
        configurations.stream().filter(c -> steadyState(c) && fp32Twin(c).isPresent())
                .sorted(Configuration.ORDER)
                .forEach(int8 -> {
                    String fp32Model = fp32Twin(int8).orElseThrow();
                    Configuration fp32 = byKey.get(int8.key().with(Configuration.MODEL, fp32Model));
                    if (fp32 != null) {
                        twins.putIfAbsent(List.of(fp32Model, int8.model(), int8.provider()), new Int8Twin(fp32, int8));
                    }
                });
        return List.copyOf(twins.values());
    }

    /** {@code X} for a configuration of model {@code X-int8}: the fp32 model it is the quantized twin of. */
    public static Optional<String> fp32Twin(Configuration c) {
        String model = c.model();
        return model.endsWith(INT8_SUFFIX) && model.length() > INT8_SUFFIX.length()
                ? Optional.of(model.substring(0, model.length() - INT8_SUFFIX.length())) : Optional.empty();
    }

    /**
     * Groups of the suite's steady-state results (OrtSessionRunBenchmark, DjlPredictorBenchmark)
     * that differ only in {@code intraOpThreads}, with at least two numeric thread counts.
     */
    public static List<ThreadLine> threadLines(List<ConfigurationStats> stats) {
        Map<Configuration.Key, List<ConfigurationStats>> groups = new LinkedHashMap<>();
        for (ConfigurationStats s : sorted(stats, s -> steadyState(s) && s.configuration().intraOpThreads().matches("\\d{1,9}"))) {
            Configuration c = s.configuration();
            List<ConfigurationStats> group = groups.computeIfAbsent(c.key().without(Configuration.INTRA_OP_THREADS),
                    k -> new ArrayList<>());
            if (group.stream().noneMatch(g -> g.configuration().intraOpThreads().equals(c.intraOpThreads()))) {
                group.add(s);
            }
        }
        List<List<ConfigurationStats>> scaling = groups.values().stream().filter(g -> g.size() >= 2).toList();
        if (scaling.isEmpty()) {
            return List.of();
        }
        Function<Configuration, String> name = VaryingParts.namer(firsts(scaling), VaryingParts.BENCHMARK,
                VaryingParts.always(Configuration::group), VaryingParts.PROVIDER, VaryingParts.MODE,
                VaryingParts.always(c -> c.batchSize().isEmpty() ? "" : "b" + c.batchSize()),
                VaryingParts.ifVaries(Configuration::callersLabel), VaryingParts.OTHER_PARAMS);
        List<ThreadLine> lines = new ArrayList<>();
        for (List<ConfigurationStats> group : scaling) {
            lines.add(new ThreadLine(name.apply(group.get(0).configuration()), List.copyOf(group)));
        }
        return lines;
    }

    /**
     * Groups of the suite's steady-state results (OrtSessionRunBenchmark, DjlPredictorBenchmark)
     * that differ only in {@code provider}, with at least two providers. The reference is CPU when
     * it ran, else the first provider by name. Groups come in the order of model, benchmark, mode,
     * callers, other parameters, threads and batch size, so the batch sizes of one setting follow each other.
     */
    public static List<ProviderGroup> providerGroups(List<ConfigurationStats> stats) {
        List<ReferenceGroups.Group<ConfigurationStats>> groups = new ArrayList<>(ReferenceGroups.of(sorted(stats, Workloads::steadyState),
                ConfigurationStats::configuration, Configuration.PROVIDER, REFERENCE_PROVIDER));
        groups.sort(Comparator.comparing(ReferenceGroups.Group::reference, PROVIDER_GROUP_ORDER));
        Function<Configuration, String> setting = providerSetting(groups.stream().map(g -> g.reference().configuration()).toList());
        return groups.stream().map(g -> new ProviderGroup(setting.apply(g.reference().configuration()), g.reference(), g.others()))
                .toList();
    }

    /**
     * What the providers of a group were compared at besides the batch size: the model, then
     * benchmark, mode, callers, intra-op threads and other parameters where they differ between
     * the groups' references ({@code student}, {@code student t2}).
     */
    private static Function<Configuration, String> providerSetting(List<Configuration> references) {
        return VaryingParts.namer(references, VaryingParts.always(Configuration::group),
                VaryingParts.BENCHMARK, VaryingParts.MODE,
                VaryingParts.ifVaries(c -> c.callers() + (c.callers() == 1 ? " caller" : " callers")),
                VaryingParts.INTRA_OP_THREADS,
                VaryingParts.OTHER_PARAMS);
    }

    /**
     * Groups of the suite's steady-state results (OrtSessionRunBenchmark, DjlPredictorBenchmark)
     * that differ only in their callers, with at least two caller counts. Each is named by its
     * label without the callers, with the benchmark and mode in front when the groups differ in them.
     */
    public static List<CallerLine> callerLines(List<ConfigurationStats> stats) {
        Map<Configuration.Key, List<ConfigurationStats>> groups = new LinkedHashMap<>();
        for (ConfigurationStats s : sorted(stats, Workloads::steadyState)) {
            List<ConfigurationStats> group = groups.computeIfAbsent(s.configuration().key().anyCallers(), k -> new ArrayList<>());
            if (group.stream().noneMatch(g -> g.configuration().callers() == s.configuration().callers())) {
                group.add(s);
            }
        }
        List<List<ConfigurationStats>> swept = groups.values().stream().filter(g -> g.size() >= 2).toList();
        Function<Configuration, String> name = VaryingParts.namer(firsts(swept), VaryingParts.BENCHMARK, VaryingParts.MODE,
                VaryingParts.always(c -> new Configuration(c.benchmark(), c.mode(), 1, c.params()).label(false)));
        List<CallerLine> lines = new ArrayList<>();
        for (List<ConfigurationStats> group : swept) {
            lines.add(new CallerLine(name.apply(group.get(0).configuration()), List.copyOf(group)));
        }
        return lines;
    }

    private static List<Configuration> firsts(List<List<ConfigurationStats>> groups) {
        return groups.stream().map(g -> g.get(0).configuration()).toList();
    }

    /** {@code 0 (default)} for ONNX Runtime's own choice, else the number. */
    public static String threadsLabel(String threads) {
        return "0".equals(threads) ? "0 (default)" : threads;
    }

    /** "The same configuration" across benchmarks: every parameter, the mode and the callers. */
    private static Configuration.Key setting(ConfigurationStats s) {
        return s.configuration().key().anyBenchmark();
    }

    private static List<ConfigurationStats> sorted(List<ConfigurationStats> stats, Predicate<ConfigurationStats> keep) {
        return stats.stream().filter(keep).sorted(ORDER).toList();
    }

    /** Present when every value is finite and positive. */
    public static Optional<Double> ratio(double numerator, double denominator) {
        return numerator > 0 && denominator > 0 && Double.isFinite(numerator) && Double.isFinite(denominator)
                ? Optional.of(numerator / denominator) : Optional.empty();
    }
}
