package org.edgebench.cli;

import org.edgebench.analysis.Workloads;
import org.edgebench.run.Configuration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configurations of a run that the summary compares with each other and that are therefore
 * measured in turns: OrtSessionRunBenchmark configurations that differ only in their execution
 * provider, or in a model and its {@code -int8} twin (both at once: CPU and XNNPACK, fp32 and
 * int8, four in one group). Only that benchmark's session takes turns ({@code OrtSessionState}).
 * Every other configuration is a group of its own, measured alone as before.
 */
final class TurnGroups {

    /** The benchmark whose forks take turns: its session waits for a token before each iteration. */
    static final String BENCHMARK = ArrivalsStep.BENCHMARK;

    private TurnGroups() {
    }

    /**
     * The planned configurations in groups, in plan order (a group where its first member was):
     * with {@code inTurns} false, every configuration alone.
     */
    static List<List<Configuration>> of(List<Configuration> planned, boolean inTurns) {
        Map<Object, List<Configuration>> groups = new LinkedHashMap<>();
        for (int i = 0; i < planned.size(); i++) {
            Configuration c = planned.get(i);
            Object key = inTurns && c.benchmark().equals(BENCHMARK) ? comparedOn(c) : i;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        return groups.values().stream().map(List::copyOf).toList();
    }

    /** True when at least one group has two or more configurations. */
    static boolean anyInTurns(List<List<Configuration>> groups) {
        return groups.stream().anyMatch(g -> g.size() > 1);
    }

    /* What the group's members share: everything but the provider, and the model up to its -int8 suffix. */
    private static Configuration.Key comparedOn(Configuration c) {
        String model = Workloads.fp32Twin(c).orElse(c.model());
        return c.key().without(Configuration.PROVIDER).with(Configuration.MODEL, model);
    }
}
