package org.edgebench.cli;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One benchmark with one value per parameter: the unit the launcher hands JMH, so that each
 * finished configuration is saved before the next starts and a crash or Ctrl-C loses only the
 * configuration that was running.
 */
public record Configuration(String benchmark, Map<String, String> params) {

    /** {@code OrtSessionRunBenchmark.run batchSize=8 model=student ...}, for progress lines; empty values left out. */
    public String label() {
        String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        return shortName + params.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> " " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining());
    }

    /**
     * Every configuration of the benchmarks JMH would run: each benchmark crossed with the values
     * of the parameters it declares, from {@code values} (our parameters and the user's {@code -p})
     * or else the benchmark's own {@code @Param} defaults. A parameter a benchmark does not
     * declare does not multiply its configurations.
     */
    public static List<Configuration> expand(OutputFormat out, List<String> includes, List<String> excludes,
                                             Function<String, List<String>> values) {
        Set<String> seen = new LinkedHashSet<>();
        List<Configuration> configurations = new ArrayList<>();
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(out, includes, excludes)) {
            if (!seen.add(entry.getUsername())) {
                continue;
            }
            Map<String, String[]> declared = entry.getParams().orElse(Map.of());
            List<Map<String, String>> combinations = new ArrayList<>();
            combinations.add(new LinkedHashMap<>());
            for (Map.Entry<String, String[]> param : new TreeMap<>(declared).entrySet()) {
                List<String> chosen = values.apply(param.getKey());
                List<String> options = chosen != null ? chosen : List.of(param.getValue());
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> partial : combinations) {
                    for (String value : options) {
                        Map<String, String> extended = new LinkedHashMap<>(partial);
                        extended.put(param.getKey(), value);
                        next.add(extended);
                    }
                }
                combinations = next;
            }
            combinations.forEach(c -> configurations.add(new Configuration(entry.getUsername(), Collections.unmodifiableMap(c))));
        }
        return configurations;
    }
}
