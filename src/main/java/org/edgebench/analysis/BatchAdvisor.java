package org.edgebench.analysis;

import org.edgebench.run.Benchmark;
import org.edgebench.text.Numbers;
import org.openjdk.jmh.annotations.Mode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the batch size for a latency budget, per model and provider: of the batch sizes whose
 * P95 meets the budget, the one with the most items per second. P95, not the mean, because an
 * interactive budget is a promise about nearly every request. Only SampleTime results qualify:
 * other modes have no P95 (Throughput, AverageTime) or time cold calls (SingleShotTime). The cold
 * start and warm-up curve benchmarks are left out altogether: they time first calls on purpose, so
 * "run -bm sample" would be wrong advice for them, and the summary has their own sections.
 */
public final class BatchAdvisor {

    /** The interactive budget from the course: a response within 100 ms feels immediate. */
    public static final double DEFAULT_SLO_MS = 100.0;

    /**
     * @param group  the model (or the benchmark when there is no model parameter)
     * @param chosen the configuration to use, empty when none qualifies or meets the budget
     * @param text   the advice in one line, for example {@code batch 8 (P95 2.41 ms, 3,320 items/s)}
     */
    public record Choice(String group, String provider, Optional<ConfigurationStats> chosen, String text) {
    }

    private BatchAdvisor() {
    }

    /** One choice per model and provider among configurations with a batch size; empty when none has one. */
    public static List<Choice> choose(List<ConfigurationStats> stats, double sloMs) {
        Map<List<String>, List<ConfigurationStats>> groups = new LinkedHashMap<>();
        stats.stream()
                .filter(s -> s.configuration().hasBatchSize() && !Workloads.is(s, Benchmark.COLD_START)
                        && !Workloads.is(s, Benchmark.WARMUP_CURVE))
                .sorted(Comparator.comparing((ConfigurationStats s) -> s.configuration().group())
                        .thenComparing(s -> s.configuration().provider())
                        .thenComparing(s -> s.configuration().benchmark()))
                .forEach(s -> groups.computeIfAbsent(List.of(s.configuration().group(), s.configuration().provider(),
                        s.configuration().benchmark()), k -> new ArrayList<>()).add(s));
        boolean severalBenchmarks = groups.keySet().stream().map(k -> k.get(2)).distinct().count() > 1;
        List<Choice> choices = new ArrayList<>();
        groups.forEach((key, members) -> {
            String name = key.get(0) + " / " + (key.get(1).isEmpty() ? "-" : key.get(1))
                    + (severalBenchmarks ? " / " + members.get(0).configuration().shortBenchmark() : "");
            choices.add(choose(key.get(0), key.get(1), name, members, sloMs));
        });
        return choices;
    }

    private static Choice choose(String group, String provider, String name, List<ConfigurationStats> members, double sloMs) {
        List<ConfigurationStats> candidates = members.stream()
                .filter(s -> s.configuration().in(Mode.SampleTime) && Double.isFinite(s.p95Ms())
                        && Double.isFinite(s.throughputItemsPerS()))
                .toList();
        if (candidates.isEmpty()) {
            String modes = String.join(", ", members.stream().map(s -> s.configuration().mode()).distinct().toList());
            return new Choice(group, provider, Optional.empty(),
                    name + ": no P95 in mode " + modes + "; run SampleTime (-bm sample) to choose a batch size");
        }
        boolean severalThreadCounts = candidates.stream().map(s -> s.configuration().intraOpThreads()).distinct().count() > 1;
        boolean severalCallers = candidates.stream().map(s -> s.configuration().callers()).distinct().count() > 1;
        Optional<ConfigurationStats> best = candidates.stream()
                .filter(s -> s.p95Ms() <= sloMs)
                .max(Comparator.comparingDouble(ConfigurationStats::throughputItemsPerS));
        if (best.isEmpty()) {
            ConfigurationStats fastest = candidates.stream().min(Comparator.comparingDouble(ConfigurationStats::p95Ms)).orElseThrow();
            return new Choice(group, provider, best, name + ": no batch size meets P95 <= " + Numbers.ms(sloMs)
                    + " ms (the lowest P95 is " + Numbers.ms(fastest.p95Ms()) + " ms, at " + setting(fastest, severalThreadCounts, severalCallers) + ")");
        }
        ConfigurationStats chosen = best.get();
        return new Choice(group, provider, best, name + ": " + setting(chosen, severalThreadCounts, severalCallers)
                + " (P95 " + Numbers.ms(chosen.p95Ms()) + " ms, " + Numbers.count(chosen.throughputItemsPerS()) + " items/s)");
    }

    private static String setting(ConfigurationStats s, boolean withThreads, boolean withCallers) {
        int callers = s.configuration().callers();
        List<String> with = new ArrayList<>();
        if (withThreads) {
            with.add("intraOpThreads " + s.configuration().intraOpThreads());
        }
        if (withCallers) {
            with.add(callers + (callers == 1 ? " caller" : " callers"));
        }
        return "batch " + s.configuration().batchSize() + (with.isEmpty() ? "" : " with " + String.join(" and ", with));
    }
}
