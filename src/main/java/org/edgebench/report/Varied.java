package org.edgebench.report;

import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.run.Configuration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a run varied and what it held the same, for the top of the report: a run of one batch size
 * and three providers is about the providers, and its reader should learn that before any chart.
 *
 * @param varied each varied setting with its values: {@code provider (CPU, XNNPACK)}
 * @param fixed  each setting the run held the same: {@code batch size 1}
 */
record Varied(List<String> varied, List<String> fixed) {

    private static final Map<String, Function<Configuration, String>> SETTINGS = settings();

    private static Map<String, Function<Configuration, String>> settings() {
        Map<String, Function<Configuration, String>> s = new LinkedHashMap<>();
        s.put("benchmark", Configuration::shortBenchmark);
        s.put("model", Configuration::model);
        s.put("provider", Configuration::provider);
        s.put("batch size", Configuration::batchSize);
        s.put("intra-op threads", Configuration::intraOpThreads);
        s.put("callers", c -> Integer.toString(c.callers()));
        s.put("dims", c -> c.params().getOrDefault(Configuration.DIMS, ""));
        s.put("mode", Configuration::mode);
        return s;
    }

    static Varied of(List<ConfigurationStats> stats) {
        List<String> varied = new ArrayList<>();
        List<String> fixed = new ArrayList<>();
        SETTINGS.forEach((name, value) -> {
            Set<String> values = new LinkedHashSet<>();
            for (ConfigurationStats s : stats) {
                String v = value.apply(s.configuration());
                if (v != null && !v.isEmpty()) {
                    values.add(v);
                }
            }
            if (values.size() > 1) {
                varied.add(name + " (" + String.join(", ", values) + ")");
            } else if (values.size() == 1) {
                fixed.add(name + " " + values.iterator().next());
            }
        });
        return new Varied(List.copyOf(varied), List.copyOf(fixed));
    }

    /** {@code This run varied provider (CPU, XNNPACK); the same throughout: model student, batch size 1.} */
    String sentence() {
        String held = fixed.isEmpty() ? "" : "the same throughout: " + String.join(", ", fixed);
        if (varied.isEmpty()) {
            return "This run is one configuration; " + held + ".";
        }
        return "This run varied " + String.join("; ", varied) + (held.isEmpty() ? "." : "; " + held + ".");
    }
}
