package org.edgebench.plan;

import org.edgebench.BadInputException;
import org.edgebench.model.ModelCatalog;
import org.edgebench.run.Configuration;
import org.edgebench.run.Environment;
import org.edgebench.runtime.ProviderCheck;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The configurations a run will hand JMH one at a time, so that each finished configuration is
 * saved before the next starts and a crash or Ctrl-C loses only the configuration that was running.
 */
public final class Plan {

    private Plan() {
    }

    /**
     * The checked parameters and every configuration they make, known before the run folder exists.
     *
     * @param requested each suite parameter's values as asked for, before the providers this build lacks are dropped
     */
    public record Planned(Map<String, List<String>> requested, Preflight.Checked checked, List<Configuration> configurations) {

        /** {@code machine} with this plan's facts: what was asked, what was skipped, the models. */
        public Environment environment(Environment machine, String suite, String label, String commandLine) {
            List<Environment.SkippedProvider> skipped = checked.skipped().stream()
                    .map(s -> new Environment.SkippedProvider(s.provider().name(), s.reason())).toList();
            Environment.Providers providers = new Environment.Providers(requested.get(Configuration.PROVIDER),
                    checked.params().get(Configuration.PROVIDER), skipped);
            List<Environment.ModelFile> models = checked.models().stream()
                    .map(m -> new Environment.ModelFile(m.name(), m.file().toString(), m.bytes(), m.sha256())).toList();
            return machine.forRun(suite, label, commandLine, Instant.now().toString(), providers, models);
        }
    }

    /**
     * Each suite parameter from {@code commandLine} (the user's {@code -p}, or null when not given),
     * else the suite, else the selected benchmarks' {@code @Param} defaults; checked before any fork
     * starts ({@link Preflight}), then crossed into configurations.
     *
     * @throws BadInputException for a bad value, or when no benchmark matches {@code includes}
     */
    public static Planned resolve(OutputFormat out, List<String> includes, List<String> excludes, Suite suite, List<Integer> callers,
                           Function<String, List<String>> commandLine) {
        Map<String, List<String>> requested = new LinkedHashMap<>();
        for (String param : Configuration.SUITE_PARAMS) {
            List<String> given = commandLine.apply(param);
            List<String> values = given != null ? given
                    : suite.params().containsKey(param) ? suite.params().get(param)
                    : declaredDefaults(out, includes, excludes, param);
            requested.put(param, values);
        }
        Preflight.Checked checked = Preflight.check(requested, ModelCatalog.standard(), ProviderCheck.forThisBuild(),
                callers.stream().mapToInt(Integer::intValue).max().orElse(1));
        List<Configuration> configurations = expand(out, includes, excludes, callers,
                name -> checked.params().containsKey(name) ? checked.params().get(name) : commandLine.apply(name));
        if (configurations.isEmpty()) {
            throw new BadInputException("no benchmark matches " + String.join(" ", includes) + "; list them with -l");
        }
        Preflight.checkCallers(configurations);
        return new Planned(requested, checked, configurations);
    }

    /**
     * Every configuration of the benchmarks JMH would run: each benchmark crossed with the values
     * of the parameters it declares, from {@code values} (our parameters and the user's {@code -p})
     * or else the benchmark's own {@code @Param} defaults, then with each caller count. A parameter
     * a benchmark does not declare does not multiply its configurations. The caller counts of one
     * setting run one after the other, so the counts the report sets side by side are measured
     * close together in time.
     */
    static List<Configuration> expand(OutputFormat out, List<String> includes, List<String> excludes, List<Integer> callers,
                                      Function<String, List<String>> values) {
        List<Configuration> configurations = new ArrayList<>();
        for (BenchmarkListEntry entry : benchmarks(out, includes, excludes)) {
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
            for (Map<String, String> combination : combinations) {
                callers.forEach(n -> configurations.add(Configuration.planned(entry.getUsername(), n, combination)));
            }
        }
        return configurations;
    }

    /**
     * The {@code @Param} defaults of {@code param} over the selected benchmarks, in declaration
     * order and without repeats: what a run uses when neither the command line nor the suite sets it.
     */
    public static List<String> declaredDefaults(OutputFormat out, List<String> includes, List<String> excludes, String param) {
        Set<String> defaults = new LinkedHashSet<>();
        for (BenchmarkListEntry entry : benchmarks(out, includes, excludes)) {
            String[] declared = entry.getParams().orElse(Map.of()).get(param);
            if (declared != null) {
                defaults.addAll(List.of(declared));
            }
        }
        return List.copyOf(defaults);
    }

    /** One entry per benchmark method: JMH lists a method once per mode it declares. */
    private static List<BenchmarkListEntry> benchmarks(OutputFormat out, List<String> includes, List<String> excludes) {
        Set<String> seen = new LinkedHashSet<>();
        List<BenchmarkListEntry> entries = new ArrayList<>();
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(out, includes, excludes)) {
            if (seen.add(entry.getUsername())) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
