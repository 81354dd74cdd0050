package org.edgebench.report.chart;

import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.run.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Names chart lines after what tells them apart: of benchmark, mode, model, provider, intra-op
 * threads, callers and other parameters, only those that differ between configurations (the batch
 * size is the x axis). A run of one model on CPU and XNNPACK gets lines "CPU" and "XNNPACK".
 */
final class SeriesNames {

    private static final List<Function<Configuration, String>> PARTS = List.of(
            Configuration::shortBenchmark,
            Configuration::mode,
            Configuration::model,
            Configuration::provider,
            c -> c.intraOpThreads().isEmpty() ? "" : "t" + c.intraOpThreads(),
            c -> "c" + c.callers(),
            Configuration::otherParamsText);

    private SeriesNames() {
    }

    /** One name per configuration, in the same order. */
    static List<String> of(List<ConfigurationStats> stats) {
        List<Function<Configuration, String>> varying = new ArrayList<>();
        for (Function<Configuration, String> part : PARTS) {
            if (stats.stream().map(s -> part.apply(s.configuration())).distinct().count() > 1) {
                varying.add(part);
            }
        }
        if (varying.isEmpty()) {
            varying.add(fallback(stats.get(0).configuration()));
        }
        List<String> names = new ArrayList<>(stats.size());
        for (ConfigurationStats s : stats) {
            List<String> parts = new ArrayList<>();
            for (Function<Configuration, String> part : varying) {
                String value = part.apply(s.configuration());
                if (!value.isEmpty()) {
                    parts.add(value);
                }
            }
            names.add(String.join(" ", parts));
        }
        return names;
    }

    private static Function<Configuration, String> fallback(Configuration c) {
        if (!c.provider().isEmpty()) {
            return Configuration::provider;
        }
        return c.model().isEmpty() ? Configuration::shortBenchmark : Configuration::model;
    }
}
