package org.edgebench.plan;

import org.edgebench.run.Benchmark;
import org.edgebench.analysis.Workloads;
import org.edgebench.run.Configuration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configurations of a run that the summary compares with each other and that are therefore
 * measured in turns: those of the steady-state benchmarks (OrtSessionRunBenchmark and
 * DjlPredictorBenchmark) that differ only in their execution provider, intra-op threads, callers,
 * benchmark (DJL against raw ONNX Runtime), or in a model and its {@code -int8} twin. A group holds
 * at most {@value #MOST} (each member's fork waits, alive, for its turns); a larger one is cut in
 * plan order. The cold start and the warm-up curve time one-off costs, so every other configuration
 * is a group of its own, measured alone as before.
 */
public final class TurnGroups {

    /** The most configurations in one group: that many forks are alive at once. */
    static final int MOST = 8;

    private TurnGroups() {
    }

    /**
     * The planned configurations in groups, in plan order (a group where its first member was):
     * with {@code inTurns} false, every configuration alone.
     */
    public static List<List<Configuration>> of(List<Configuration> planned, boolean inTurns) {
        Map<Object, List<Configuration>> groups = new LinkedHashMap<>();
        for (int i = 0; i < planned.size(); i++) {
            Configuration c = planned.get(i);
            Object key = inTurns && (c.benchmark().equals(Benchmark.ORT_RUN.jmhName()) || c.benchmark().equals(Benchmark.DJL_PREDICT.jmhName())) ? comparedOn(c) : i;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        List<List<Configuration>> cut = new ArrayList<>();
        for (List<Configuration> group : groups.values()) {
            for (int from = 0; from < group.size(); from += MOST) {
                cut.add(List.copyOf(group.subList(from, Math.min(group.size(), from + MOST))));
            }
        }
        return List.copyOf(cut);
    }

    /** True when at least one group has two or more configurations. */
    public static boolean anyInTurns(List<List<Configuration>> groups) {
        return groups.stream().anyMatch(g -> g.size() > 1);
    }

    /* What the group's members share: all but the benchmark, callers, provider and threads, and the model up to -int8. */
    private static Configuration.Key comparedOn(Configuration c) {
        String model = Workloads.fp32Twin(c).orElse(c.model());
        return c.key().anyBenchmark().anyCallers().without(Configuration.PROVIDER).without(Configuration.INTRA_OP_THREADS)
                .with(Configuration.MODEL, model);
    }
}
