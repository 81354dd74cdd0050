package org.edgebench.report;

import org.edgebench.agreement.AgreementCsv;
import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.analysis.ForkRatios;
import org.edgebench.agreement.OutputAgreement;
import org.edgebench.analysis.WarmupCurve;
import org.edgebench.analysis.RunAnalysis;
import org.edgebench.analysis.Workloads;
import org.edgebench.run.Configuration;
import org.edgebench.stats.Metric;
import org.edgebench.stats.Ratio;
import org.edgebench.text.Numbers;
import org.edgebench.text.RatioText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The summary's sections for the workload benchmarks ({@link Workloads}): providers side by side,
 * warm-up, cold start, what the DJL layer costs, fp32 vs int8, thread scaling and concurrent
 * callers. A section is there only when the run has its data, so a run of OrtSessionRunBenchmark
 * on one provider gets the summary it always had. Every ratio between two configurations comes
 * with its interval over forks ({@link ForkRatios}), so a difference the forks cannot tell from
 * noise is said to be one.
 */
public final class WorkloadSections {

    static final String INTERVAL_NOTE = "[low, high]: the 95% interval of the ratio over forks (each fork one value,"
            + " resampled); within noise: it holds 1x.";

    /** Said after {@link #INTERVAL_NOTE} when the run measured some of a section's pairs in turns. */
    static final String IN_TURNS_NOTE = " Pairs measured in turns (turns.csv; --no-turns runs them one after another)"
            + " take their ratio from paired iterations instead: the median over iterations of one side's iteration"
            + " value over the other's, iteration j of fork i beside iteration j of fork i, with an interval that"
            + " resamples fork pairs, then iterations within them.";

    private WorkloadSections() {
    }

    /** @param agreement the run folder's agreement.csv, shown in the fp32 vs int8 section */
    static List<Summary.Section> of(RunAnalysis analysis, AgreementCsv.Contents agreement) {
        List<Summary.Section> sections = new ArrayList<>();
        providers(analysis.providerGroups()).ifPresent(sections::add);
        warmup(analysis.warmupCurves()).ifPresent(sections::add);
        coldStart(analysis.coldStarts()).ifPresent(sections::add);
        djl(analysis.djlPairs()).ifPresent(sections::add);
        int8(analysis.int8Pairs(), agreement).ifPresent(sections::add);
        threads(analysis.threadLines()).ifPresent(sections::add);
        callers(analysis.callerLines()).ifPresent(sections::add);
        return sections;
    }

    /**
     * Where the most items/s came from and what it cost in P95, against the fewest callers:
     * {@code student CPU b1 t1: most items/s with 2 callers: 1.80x the items/s of 1, P95 +9.0%}.
     */
    public static String callersLine(Workloads.CallerLine line) {
        List<ConfigurationStats> points = line.points();
        ConfigurationStats base = points.get(0);
        Optional<ConfigurationStats> best = points.stream().filter(s -> Double.isFinite(s.throughputItemsPerS()))
                .max(Comparator.comparingDouble(ConfigurationStats::throughputItemsPerS));
        if (best.isEmpty() || !Double.isFinite(base.throughputItemsPerS())) {
            return line.name() + ": no items/s to compare";
        }
        if (best.get() == base) {
            ConfigurationStats most = points.get(points.size() - 1);
            return line.name() + ": most items/s with " + callers(base) + "; more callers add no throughput ("
                    + callers(most) + ": " + against(most, base) + ")";
        }
        return line.name() + ": most items/s with " + callers(best.get()) + ": " + against(best.get(), base);
    }

    /** {@code 1.80x the items/s of 1, P95 +9.0%}; the P95 part only where both have one. */
    private static String against(ConfigurationStats s, ConfigurationStats base) {
        String p95 = base.p95Ms() > 0 && Double.isFinite(s.p95Ms()) ? ", P95 " + Numbers.change(s.p95Ms() / base.p95Ms() - 1) : "";
        return Ratio.times(s.throughputItemsPerS() / base.throughputItemsPerS()) + " the items/s of " + base.configuration().callers() + p95;
    }

    private static String callers(ConfigurationStats s) {
        int n = s.configuration().callers();
        return n + (n == 1 ? " caller" : " callers");
    }

    private static Optional<Summary.Section> callers(List<Workloads.CallerLine> lines) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> rows = new ArrayList<>();
        for (Workloads.CallerLine line : lines) {
            ConfigurationStats base = line.points().get(0);
            for (ConfigurationStats s : line.points()) {
                rows.add(List.of(line.name(), Integer.toString(s.configuration().callers()),
                        Numbers.ms(s.p50Ms()), Numbers.ms(s.p95Ms()), Numbers.count(s.throughputItemsPerS()),
                        s == base ? "1.00x" : RatioText.cell(ForkRatios.itemsPerSecond(base, s)),
                        base.p95Ms() > 0 && Double.isFinite(s.p95Ms()) ? Numbers.change(s.p95Ms() / base.p95Ms() - 1) : "-"));
            }
        }
        List<String> headers = List.of("configuration", "callers", "P50 ms", "P95 ms", "items/s", "items/s speed-up", "P95 change");
        Summary.Table table = new Summary.Table("Per-call latency and total items/s by callers", headers,
                List.of(false, true, true, true, true, true, true), rows);
        return Optional.of(new Summary.Section("Concurrent callers (JMH threads calling one session)",
                lines.stream().map(WorkloadSections::callersLine).toList(), List.of(table),
                List.of("items/s adds up every caller, P50 and P95 are per call; speed-up and P95 change are against the"
                        + " fewest callers of the same configuration. Where items/s stops growing while P95 climbs, more"
                        + " callers only queue: that is the knee in charts/latency_vs_throughput.png. The callers share"
                        + " the session's intra-op pool (intraOpThreads; 0 = ONNX Runtime's default, usually one per core),"
                        + " so a call already spread over every core leaves another caller little to gain. " + INTERVAL_NOTE
                        + (lines.stream().anyMatch(l -> firstInTurns(l.points())) ? IN_TURNS_NOTE : ""))));
    }

    /** "first inference X ms, steady P50 Y ms, reached after about K runs", one line per configuration. */
    public static String warmupLine(Workloads.Curve c) {
        WarmupCurve curve = c.curve();
        int runs = curve.medianPerIterationMs().size();
        String first = "first inference " + Numbers.ms(curve.firstMs()) + " ms"
                + Workloads.ratio(curve.firstMs(), curve.steadyP50Ms()).map(r -> " (" + Ratio.times(r) + " steady)").orElse("");
        String reached;
        if (!curve.settled()) {
            reached = "did not settle within " + runs + " runs";
        } else if (curve.reachedAfterRuns() == 0) {
            reached = "steady from the first run";
        } else {
            reached = "reached after about " + curve.reachedAfterRuns() + (curve.reachedAfterRuns() == 1 ? " run" : " runs");
        }
        return c.stats().configuration().label(false) + ": " + first + ", steady P50 " + Numbers.ms(curve.steadyP50Ms())
                + " ms, " + reached + " (median of " + c.forksMs().size() + (c.forksMs().size() == 1 ? " fork" : " forks") + ")";
    }

    private static Optional<Summary.Section> warmup(List<Workloads.Curve> curves) {
        if (curves.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Summary.Section("Warm-up: the first inferences after session creation (WarmupCurveBenchmark)",
                curves.stream().map(WorkloadSections::warmupLine).toList(), List.of(),
                List.of(String.format(Locale.ROOT, "Steady P50: the median of every fork's runs in the last half; settled: from"
                        + " that run on, the curve (the median across forks, smoothed over three runs) stays within %.0f%%"
                        + " above it. Warm up at least that many runs before measuring; charts/warmup_curve.png draws the"
                        + " curve. The steady end can sit above OrtSessionRunBenchmark's P50: here each run allocates its"
                        + " outputs and follows a pause for JMH's bookkeeping.", 100 * WarmupCurve.TOLERANCE))));
    }

    public static String coldStartLine(Workloads.ColdStart c) {
        String range = c.forks() == 1 ? "1 fork" : "median of " + c.forks() + " forks, " + Numbers.ms(c.minMs()) + " to "
                + Numbers.ms(c.maxMs()) + " ms";
        String warm = c.warmMs().isPresent()
                ? " = " + Ratio.times(c.medianMs() / c.warmMs().getAsDouble()) + " " + c.warmWhat() + " " + Numbers.ms(c.warmMs().getAsDouble()) + " ms"
                : "";
        return c.stats().configuration().label(false) + ": cold start " + Numbers.ms(c.medianMs()) + " ms (" + range + ")" + warm;
    }

    private static Optional<Summary.Section> coldStart(List<Workloads.ColdStart> cold) {
        if (cold.isEmpty()) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        notes.add("Cold start: creating the session (reading, optimising and partitioning the graph), the inputs and the first"
                + " inference, in a fresh JVM with ONNX Runtime already loaded; each fork's first session counts.");
        if (cold.stream().anyMatch(c -> c.warmMs().isPresent())) {
            notes.add("The warm P50 is OrtSessionRunBenchmark's for the same parameters; without it, the steady P50 of the"
                    + " warm-up curve.");
        }
        return Optional.of(new Summary.Section("Cold start: session creation + first inference (SessionColdStartBenchmark)",
                cold.stream().map(WorkloadSections::coldStartLine).toList(), List.of(), notes));
    }

    private static Optional<Summary.Section> djl(List<Workloads.DjlPair> pairs) {
        if (pairs.isEmpty()) {
            return Optional.empty();
        }
        boolean modes = pairs.stream().map(p -> p.raw().configuration().mode()).distinct().count() > 1;
        List<List<String>> rows = new ArrayList<>();
        List<Ratio> p50 = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Workloads.DjlPair p : pairs) {
            ConfigurationStats raw = p.raw();
            ConfigurationStats djl = p.djl();
            String label = raw.configuration().label(false) + (modes ? " " + raw.configuration().mode() : "");
            Optional<Ratio> ratio = ForkRatios.latency(raw, djl, Metric.P50);
            rows.add(List.of(label, "P50 ms", Numbers.ms(raw.p50Ms()), Numbers.ms(djl.p50Ms()),
                    signedMs(djl.p50Ms() - raw.p50Ms()), RatioText.cell(ratio)));
            rows.add(List.of("", "P95 ms", Numbers.ms(raw.p95Ms()), Numbers.ms(djl.p95Ms()),
                    signedMs(djl.p95Ms() - raw.p95Ms()), RatioText.cell(ForkRatios.latency(raw, djl, Metric.P95))));
            rows.add(List.of("", "items/s", Numbers.count(raw.throughputItemsPerS()), Numbers.count(djl.throughputItemsPerS()),
                    signedCount(djl.throughputItemsPerS() - raw.throughputItemsPerS()),
                    RatioText.cell(ForkRatios.itemsPerSecond(raw, djl))));
            ratio.ifPresent(r -> {
                p50.add(r);
                labels.add(label);
            });
        }
        List<String> headers = List.of("configuration", "metric", "raw", "DJL", "DJL - raw", "DJL / raw");
        Summary.Table table = new Summary.Table("DJL Predictor vs raw ONNX Runtime", headers,
                List.of(false, false, true, true, true, false), rows);
        List<String> lines = new ArrayList<>();
        DoubleSummaryStatistics ms = pairs.stream().filter(p -> Double.isFinite(p.djl().p50Ms() - p.raw().p50Ms()))
                .mapToDouble(p -> p.djl().p50Ms() - p.raw().p50Ms()).summaryStatistics();
        if (!p50.isEmpty()) {
            lines.add("DJL's P50 is " + range(p50) + " raw ONNX Runtime's over " + count(p50.size(), "configuration")
                    + " (" + range(ms, v -> signedMs(v) + " ms") + " per call); " + RatioText.noise(p50, labels));
        }
        return Optional.of(new Summary.Section("What the DJL layer costs (DjlPredictorBenchmark vs OrtSessionRunBenchmark)",
                lines, List.of(table),
                List.of("raw: OrtSession.run on pre-built tensors; DJL: Predictor.predict on an NDList through DJL's"
                        + " OnnxRuntime engine, same model, batch, provider, intra-op threads and callers. DJL - raw is what"
                        + " the layer adds per call (or takes from items/s); DJL / raw is DJL's value over raw ONNX Runtime's,"
                        + " from the median over forks of each fork's value. " + INTERVAL_NOTE
                        + (pairs.stream().anyMatch(p -> ForkRatios.inTurns(p.raw(), p.djl())) ? IN_TURNS_NOTE : ""))));
    }

    private static Optional<Summary.Section> int8(List<Workloads.Int8Pair> pairs, AgreementCsv.Contents agreement) {
        if (pairs.isEmpty() && agreement.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        List<Summary.Table> tables = new ArrayList<>();
        for (Workloads.Int8Pair pair : pairs) {
            List<ConfigurationStats> fp32 = pair.rows().stream().map(Workloads.Int8Row::fp32).toList();
            boolean benchmarks = fp32.stream().map(s -> s.configuration().shortBenchmark()).distinct().count() > 1;
            boolean modes = fp32.stream().map(s -> s.configuration().mode()).distinct().count() > 1;
            List<List<String>> rows = new ArrayList<>();
            List<Ratio> p50 = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (Workloads.Int8Row r : pair.rows()) {
                Configuration c = r.fp32().configuration();
                List<String> parts = new ArrayList<>();
                if (benchmarks) {
                    parts.add(c.shortBenchmark());
                }
                if (modes) {
                    parts.add(c.mode());
                }
                String label = c.label(false);
                parts.add(label.startsWith(c.model() + " ") ? label.substring(c.model().length() + 1) : label);
                String name = String.join(" ", parts);
                Optional<Ratio> speedUp = ForkRatios.latency(r.fp32(), r.int8(), Metric.P50).map(Ratio::speedUp);
                rows.add(List.of(name, "P50 ms", Numbers.ms(r.fp32().p50Ms()), Numbers.ms(r.int8().p50Ms()),
                        RatioText.cell(speedUp)));
                rows.add(List.of("", "P95 ms", Numbers.ms(r.fp32().p95Ms()), Numbers.ms(r.int8().p95Ms()),
                        RatioText.cell(ForkRatios.latency(r.fp32(), r.int8(), Metric.P95).map(Ratio::speedUp))));
                rows.add(List.of("", "items/s", Numbers.count(r.fp32().throughputItemsPerS()),
                        Numbers.count(r.int8().throughputItemsPerS()), RatioText.cell(ForkRatios.itemsPerSecond(r.fp32(), r.int8()))));
                speedUp.ifPresent(v -> {
                    p50.add(v);
                    labels.add(name);
                });
            }
            List<String> headers = List.of("configuration", "metric", "fp32", "int8", "speed-up");
            tables.add(new Summary.Table(pair.fp32Model() + " (fp32) vs " + pair.int8Model(), headers,
                    List.of(false, false, true, true, false), rows));
            if (!p50.isEmpty()) {
                double max = p50.stream().mapToDouble(Ratio::value).max().orElseThrow();
                double min = p50.stream().mapToDouble(Ratio::value).min().orElseThrow();
                lines.add(pair.int8Model() + " vs " + pair.fp32Model() + ": P50 speed-up " + range(p50) + " over "
                        + count(p50.size(), "configuration") + (max < 1 ? " (int8 is slower here)" : min < 1 ? " (slower in some)" : "")
                        + "; " + RatioText.noise(p50, labels));
            }
        }
        List<String> notes = new ArrayList<>();
        if (!pairs.isEmpty()) {
            boolean inTurns = pairs.stream().flatMap(p -> p.rows().stream()).anyMatch(r -> ForkRatios.inTurns(r.fp32(), r.int8()));
            notes.add("speed-up: fp32 latency / int8 latency, and int8 items/s / fp32 items/s, from the median over forks"
                    + " of each fork's value; above 1x the int8 model is faster. " + INTERVAL_NOTE
                    + (inTurns ? IN_TURNS_NOTE : "") + " Models pair by"
                    + " name (X and X-int8) with the same benchmark and parameters"
                    + (agreement.isEmpty() ? "; what quantization costs in accuracy is not measured here." : "."));
        }
        lines.addAll(agreementLines(agreement));
        Optional<Summary.Table> agreementTable = agreementTable(agreement.rows());
        agreementTable.ifPresent(table -> {
            tables.add(table);
            notes.add(AGREEMENT_NOTE + " Inputs here: " + String.join("; ", agreement.rows().stream()
                    .filter(a -> !a.isFailure()).map(OutputAgreement::inputSource).distinct().toList()) + ".");
        });
        return Optional.of(new Summary.Section("fp32 vs int8 (the course's next lab: quantization)", lines, tables, notes));
    }

    static final String AGREEMENT_NOTE = "Output agreement (" + AgreementCsv.FILE + "): after the benchmarks, outside the"
            + " measured code, both models are given the same inputs, once per model pair and provider (in batches of the"
            + " smallest batch size they ran, with its intra-op threads and dims), and each output of the fp32 model is"
            + " compared with the int8 model's output of the same name. max abs diff and MAE: the largest and the mean |fp32 - int8| over every output"
            + " element; cosine: the mean over inputs of the cosine between the two models' outputs for that input;"
            + " top-1 agrees: for a classifier's output ([batch, classes]), the share of inputs whose largest class is"
            + " the same in both; fp32 top class: the share of inputs in the fp32 model's most common class, which a"
            + " model giving that class to everything would agree on, so top-1 agreement tells something only below it."
            + " Synthesized inputs are seeded noise, not real data: top-1 agreement says how often int8 changes the fp32"
            + " model's answer, not how accurate either is.";

    /**
     * One line per output compared, the top-1 agreement first for a classifier: {@code student-int8
     * vs student on CPU, output 'output': top-1 agrees on 250 of 256 inputs (97.7%; the fp32 model's
     * most common class takes 62.1%); max abs diff 0.0412, MAE 0.00931, cosine 0.9987}; or why the
     * pair could not be compared.
     */
    public static String agreementLine(OutputAgreement a) {
        if (a.isFailure()) {
            return a.twins().label() + ": output agreement not computed: " + a.error();
        }
        String figures = "max abs diff " + Numbers.significant(a.maxAbsDiff()) + ", MAE " + Numbers.significant(a.meanAbsError())
                + ", cosine " + Numbers.similarity(a.cosineSimilarity());
        String output = a.twins().label() + ", output '" + a.output() + "': ";
        if (!a.isClassifier()) {
            return output + figures + " over " + a.inputs() + " inputs";
        }
        String top1 = "top-1 agrees on " + Math.round(a.top1Agreement() * a.inputs()) + " of " + a.inputs() + " inputs ("
                + Numbers.percent(a.top1Agreement());
        String baseline = a.fp32MajorityShare() >= 1
                ? "), but the fp32 model gives every input the same class, so this says little"
                : "; the fp32 model's most common class takes " + Numbers.percent(a.fp32MajorityShare()) + ")";
        return output + top1 + baseline + "; " + figures;
    }

    private static List<String> agreementLines(AgreementCsv.Contents agreement) {
        List<String> lines = new ArrayList<>();
        agreement.rows().forEach(a -> lines.add(agreementLine(a)));
        if (!agreement.problem().isEmpty()) {
            lines.add("output agreement: " + agreement.problem());
        }
        return lines;
    }

    private static Optional<Summary.Table> agreementTable(List<OutputAgreement> rows) {
        List<List<String>> cells = new ArrayList<>();
        boolean dims = rows.stream().anyMatch(a -> !a.twins().dims().isEmpty());
        for (OutputAgreement a : rows) {
            if (!a.isFailure()) {
                OutputAgreement.Twins t = a.twins();
                cells.add(List.of(t.int8Model() + " vs " + t.model(), t.provider() + (dims && !t.dims().isEmpty() ? " " + t.dims() : ""),
                        a.output(), Long.toString(a.inputs()), Numbers.significant(a.maxAbsDiff()),
                        Numbers.significant(a.meanAbsError()), Numbers.similarity(a.cosineSimilarity()),
                        a.isClassifier() ? Numbers.percent(a.top1Agreement()) : "-",
                        a.isClassifier() ? Numbers.percent(a.fp32MajorityShare()) : "-"));
            }
        }
        if (cells.isEmpty()) {
            return Optional.empty();
        }
        List<String> headers = List.of("models", dims ? "provider, dims" : "provider", "output", "inputs", "max abs diff",
                "MAE", "cosine", "top-1 agrees", "fp32 top class");
        return Optional.of(new Summary.Table("Output agreement on the same inputs", headers,
                List.of(false, false, false, true, true, true, true, true, true), cells));
    }

    private static Optional<Summary.Section> threads(List<Workloads.ThreadLine> lines) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> rows = new ArrayList<>();
        for (Workloads.ThreadLine line : lines) {
            ConfigurationStats base = line.points().get(0);
            for (ConfigurationStats s : line.points()) {
                rows.add(List.of(line.name(), Workloads.threadsLabel(s.configuration().intraOpThreads()),
                        Numbers.ms(s.p50Ms()), Numbers.ms(s.p95Ms()), Numbers.count(s.throughputItemsPerS()),
                        s == base ? "1.00x" : RatioText.cell(ForkRatios.itemsPerSecond(base, s))));
            }
        }
        List<String> headers = List.of("configuration", "intra-op threads", "P50 ms", "P95 ms", "items/s", "items/s speed-up");
        Summary.Table table = new Summary.Table("P50 and items/s by intra-op threads", headers,
                List.of(false, true, true, true, true, false), rows);
        return Optional.of(new Summary.Section("Thread scaling (intraOpThreads)", List.of(), List.of(table),
                List.of("items/s speed-up: against the fewest threads of the same configuration, from the median over"
                        + " forks of each fork's items/s; 0 is ONNX Runtime's default, usually one thread per core. "
                        + INTERVAL_NOTE + (lines.stream().anyMatch(l -> firstInTurns(l.points())) ? IN_TURNS_NOTE : "")
                        + " charts/threads_scaling.png draws it.")));
    }

    /**
     * Each group of configurations that differ only in their provider: a table of P50, P95, items/s
     * and the speed-up over the reference, and one sentence per setting and provider pair that runs
     * through the batch sizes.
     */
    private static Optional<Summary.Section> providers(List<Workloads.ProviderGroup> groups) {
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> rows = new ArrayList<>();
        Map<Pairing, List<RatioText.At>> sentences = new LinkedHashMap<>();
        for (Workloads.ProviderGroup group : groups) {
            Configuration c = group.reference().configuration();
            String setting = group.setting();
            rows.add(providerRow(c.batchSize().isEmpty() ? setting : setting + " b" + c.batchSize(), group.reference(), "reference"));
            String where = c.batchSize().isEmpty() ? "" : "at batch " + c.batchSize();
            for (ConfigurationStats other : group.others()) {
                Optional<Ratio> speedUp = ForkRatios.speedUp(group.reference(), other);
                rows.add(providerRow("", other, RatioText.cell(speedUp)));
                Pairing pairing = new Pairing(setting, other.configuration().provider(), c.provider());
                speedUp.ifPresent(r -> sentences.computeIfAbsent(pairing, k -> new ArrayList<>()).add(new RatioText.At(where, r)));
            }
        }
        List<String> lines = new ArrayList<>();
        sentences.forEach((pairing, points) -> lines.add(pairing.setting() + ": "
                + RatioText.sentence(pairing.provider(), pairing.reference(), points)));
        List<String> headers = List.of("configuration", "provider", "P50 ms", "P95 ms", "items/s", "speed-up");
        boolean charted = groups.stream().flatMap(g -> g.members().stream()).anyMatch(s -> Double.isFinite(s.p50Ms()));
        Summary.Table table = new Summary.Table("P50, P95 and items/s by provider", headers,
                List.of(false, false, true, true, true, false), rows);
        return Optional.of(new Summary.Section("Providers side by side", lines, List.of(table),
                List.of("speed-up: how many times faster than the reference (" + Workloads.REFERENCE_PROVIDER + ", or the"
                        + " first provider by name when " + Workloads.REFERENCE_PROVIDER + " did not run) with the same"
                        + " model, batch size, threads, callers and dims: the reference's P50 over the provider's, each the"
                        + " median over forks of a fork's P50 (items/s for thrpt and avgt, which have no distribution). "
                        + INTERVAL_NOTE + (inTurns(groups) ? IN_TURNS_NOTE : "")
                        + (charted ? " charts/providers.png draws it." : ""))));
    }

    /** True when the first point, which the others are compared with, was measured in turns with any of them. */
    private static boolean firstInTurns(List<ConfigurationStats> points) {
        return points.stream().skip(1).anyMatch(s -> ForkRatios.inTurns(points.get(0), s));
    }

    private static boolean inTurns(List<Workloads.ProviderGroup> groups) {
        return groups.stream().anyMatch(g -> g.others().stream().anyMatch(o -> ForkRatios.inTurns(g.reference(), o)));
    }

    /** What one sentence of the providers section is about: a setting (all but the batch size) and two providers. */
    private record Pairing(String setting, String provider, String reference) {
    }

    private static List<String> providerRow(String name, ConfigurationStats s, String speedUp) {
        return List.of(name, s.configuration().provider(), Numbers.ms(s.p50Ms()), Numbers.ms(s.p95Ms()),
                Numbers.count(s.throughputItemsPerS()), speedUp);
    }

    private static String signedMs(double value) {
        return (value >= 0 ? "+" : "") + Numbers.ms(value);
    }

    private static String signedCount(double value) {
        return Double.isFinite(value) ? (value >= 0 ? "+" : "-") + Numbers.count(Math.abs(value)) : "-";
    }

    /** The lowest to the highest ratio: {@code 1.32x to 1.80x}. */
    private static String range(List<Ratio> ratios) {
        DoubleSummaryStatistics values = ratios.stream().mapToDouble(Ratio::value).summaryStatistics();
        return range(values, Ratio::times);
    }

    private static String range(DoubleSummaryStatistics values, Function<Double, String> format) {
        String low = format.apply(values.getMin());
        String high = format.apply(values.getMax());
        return low.equals(high) ? low : low + " to " + high;
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
