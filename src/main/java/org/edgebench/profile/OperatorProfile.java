package org.edgebench.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where one configuration's inference time goes, by operator type, from an ONNX Runtime trace.
 *
 * <p>The first runs of a session are slower (the first plans and allocates its memory; on the
 * development machine the student model's runs took 2.6 ms, then about 1.2 ms, settling near 0.9 ms
 * from the 13th on under the profiler), so the first {@link #WARMUP_RUNS} {@code model_run}s of a
 * trace are dropped, or its first half when it holds {@code 2 * WARMUP_RUNS} runs or fewer; the cut is at the start of the
 * first counted run, and every kernel from there on counts. With several callers the runs overlap,
 * so a few kernels of the last dropped run may fall after the cut.
 *
 * @param runsInTrace the trace's {@code model_run} events
 * @param warmupRuns  how many of them were dropped
 * @param inferences  how many were counted
 * @param modelRunUs  the mean {@code model_run} of the counted runs, in microseconds
 * @param operators   one per operator type and provider, the most time first
 */
public record OperatorProfile(int runsInTrace, int warmupRuns, int inferences, double modelRunUs,
                              List<OperatorTime> operators) {

    /** The runs dropped from the start of a trace long enough to keep more than as many. */
    public static final int WARMUP_RUNS = 20;

    private static final Comparator<OperatorTime> MOST_TIME_FIRST = Comparator
            .comparingDouble(OperatorTime::usPerInference).reversed()
            .thenComparing(OperatorTime::opType)
            .thenComparing(OperatorTime::provider);

    public OperatorProfile {
        operators = operators.stream().sorted(MOST_TIME_FIRST).toList();
    }

    /** The runs dropped from a trace of {@code runs}. */
    public static int warmupRuns(int runs) {
        return runs > 2 * WARMUP_RUNS ? WARMUP_RUNS : runs / 2;
    }

    public static OperatorProfile of(OrtTrace trace) {
        List<OrtTrace.Span> runs = trace.runs().stream().sorted(Comparator.comparingLong(OrtTrace.Span::ts)).toList();
        int dropped = warmupRuns(runs.size());
        List<OrtTrace.Span> counted = runs.subList(dropped, runs.size());
        long cut = counted.get(0).ts();
        Map<List<String>, Long> totalUs = new LinkedHashMap<>();
        Map<List<String>, Set<String>> nodes = new LinkedHashMap<>();
        for (OrtTrace.Kernel k : trace.kernels()) {
            if (k.ts() >= cut) {
                List<String> key = List.of(k.provider(), k.opType());
                totalUs.merge(key, k.dur(), Long::sum);
                nodes.computeIfAbsent(key, x -> new HashSet<>()).add(k.node());
            }
        }
        int inferences = counted.size();
        List<OperatorTime> operators = new ArrayList<>();
        totalUs.forEach((key, us) -> operators.add(
                new OperatorTime(key.get(0), key.get(1), nodes.get(key).size(), (double) us / inferences)));
        double modelRunUs = counted.stream().mapToLong(OrtTrace.Span::dur).average().orElse(Double.NaN);
        return new OperatorProfile(runs.size(), dropped, inferences, modelRunUs, operators);
    }

    /** The kernel time of every operator type in one inference, in microseconds. */
    public double kernelUs() {
        return operators.stream().mapToDouble(OperatorTime::usPerInference).sum();
    }

    /** The operator's part of {@link #kernelUs()}: the shares of a profile add up to 1. */
    public double share(OperatorTime operator) {
        double kernels = kernelUs();
        return kernels > 0 ? operator.usPerInference() / kernels : Double.NaN;
    }

    /** The kernels' part of the mean {@code model_run}; the rest is the session's own work around them. */
    public double kernelShareOfRun() {
        return modelRunUs > 0 ? kernelUs() / modelRunUs : Double.NaN;
    }

    /** Per operator type, summed over the providers that ran it: what two runs of one configuration compare on. */
    public Map<String, Double> usPerOpType() {
        Map<String, Double> byType = new LinkedHashMap<>();
        operators.forEach(o -> byType.merge(o.opType(), o.usPerInference(), Double::sum));
        return byType;
    }

    /** Nodes per operator type, over the providers that ran it. */
    public Map<String, Integer> nodesPerOpType() {
        Map<String, Integer> byType = new LinkedHashMap<>();
        operators.forEach(o -> byType.merge(o.opType(), o.nodes(), Integer::sum));
        return byType;
    }

    /**
     * Two profiles of one configuration as one (several runs of one side of a comparison): each
     * operator's time per inference weighted by the inferences each counted.
     */
    public OperatorProfile pooled(OperatorProfile other) {
        int total = inferences + other.inferences;
        Map<List<String>, double[]> merged = new LinkedHashMap<>();
        for (OperatorProfile p : List.of(this, other)) {
            for (OperatorTime o : p.operators) {
                double[] sums = merged.computeIfAbsent(List.of(o.provider(), o.opType()), k -> new double[2]);
                sums[0] = Math.max(sums[0], o.nodes());
                sums[1] += o.usPerInference() * p.inferences;
            }
        }
        List<OperatorTime> operators = new ArrayList<>();
        merged.forEach((key, sums) -> operators.add(new OperatorTime(key.get(0), key.get(1), (int) sums[0], sums[1] / total)));
        double modelRun = (modelRunUs * inferences + other.modelRunUs * other.inferences) / total;
        return new OperatorProfile(runsInTrace + other.runsInTrace, warmupRuns + other.warmupRuns, total, modelRun, operators);
    }
}
