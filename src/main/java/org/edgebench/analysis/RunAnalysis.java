package org.edgebench.analysis;

import java.util.List;

/**
 * What a run's results mean beyond each configuration, computed once: the pairings of the workload
 * benchmarks ({@link Workloads}). The summary's sections and the charts render it; neither pairs
 * results again.
 *
 * @param stats          every configuration's statistics, in the run's order
 * @param providerGroups providers side by side, the reference first
 * @param warmupCurves   the warm-up curve per configuration of WarmupCurveBenchmark
 * @param coldStarts     cold start against the warm P50
 * @param djlPairs       DJL's Predictor against raw ONNX Runtime
 * @param int8Pairs      each model against its int8 twin
 * @param threadLines    items per second over intra-op threads
 * @param callerLines    latency and throughput over callers
 * @param sloMs          the latency budget of the batch size advice, in ms
 * @param batchChoices   the batch size advice: per model and provider, the best one within the budget
 */
public record RunAnalysis(List<ConfigurationStats> stats, List<Workloads.ProviderGroup> providerGroups,
                          List<Workloads.Curve> warmupCurves, List<Workloads.ColdStart> coldStarts,
                          List<Workloads.DjlPair> djlPairs, List<Workloads.Int8Pair> int8Pairs,
                          List<Workloads.ThreadLine> threadLines, List<Workloads.CallerLine> callerLines,
                          double sloMs, List<BatchAdvisor.Choice> batchChoices) {

    public RunAnalysis {
        stats = List.copyOf(stats);
    }

    /** @param sloMs the latency budget for the batch size advice, in ms */
    public static RunAnalysis of(List<ConfigurationStats> stats, double sloMs) {
        return new RunAnalysis(stats, Workloads.providerGroups(stats), Workloads.warmupCurves(stats),
                Workloads.coldStarts(stats), Workloads.djlPairs(stats), Workloads.int8Pairs(stats),
                Workloads.threadLines(stats), Workloads.callerLines(stats), sloMs, BatchAdvisor.choose(stats, sloMs));
    }
}
