package org.edgebench.report.chart;

import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.run.Configuration;
import org.edgebench.run.VaryingParts;

import java.util.List;
import java.util.function.Function;

/**
 * Names chart lines after what tells them apart: of benchmark, mode, model, provider, intra-op
 * threads, callers and other parameters, only those that differ between configurations (the batch
 * size is the x axis). A run of one model on CPU and XNNPACK gets lines "CPU" and "XNNPACK".
 */
final class SeriesNames {

    private static final List<VaryingParts.Part> PARTS = List.of(
            VaryingParts.BENCHMARK,
            VaryingParts.MODE,
            VaryingParts.ifVaries(Configuration::model),
            VaryingParts.PROVIDER,
            VaryingParts.INTRA_OP_THREADS,
            VaryingParts.ifVaries(c -> "c" + c.callers()),
            VaryingParts.OTHER_PARAMS);

    private SeriesNames() {
    }

    /** One name per configuration, in the same order; when nothing differs, the provider, else the model, else the benchmark. */
    static List<String> of(List<ConfigurationStats> stats) {
        List<Configuration> configurations = stats.stream().map(ConfigurationStats::configuration).toList();
        boolean anyVaries = PARTS.stream().anyMatch(p -> VaryingParts.varies(configurations, p.text()));
        Function<Configuration, String> name = anyVaries ? VaryingParts.namer(configurations, PARTS)
                : fallback(configurations.get(0));
        return configurations.stream().map(name).toList();
    }

    private static Function<Configuration, String> fallback(Configuration c) {
        if (!c.provider().isEmpty()) {
            return Configuration::provider;
        }
        return c.model().isEmpty() ? Configuration::shortBenchmark : Configuration::model;
    }
}
