package org.edgebench.run;

import org.edgebench.results.JmhResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a JMH result measured, in EdgeBench's terms: the suite's parameters ({@code model},
 * {@code provider}, {@code batchSize}, {@code intraOpThreads}) get their own fields and every
 * other parameter (our {@code dims} when set, or another suite's) is kept in {@link #otherParams()}.
 * A field is empty when the benchmark has no such parameter.
 */
public record Configuration(
        String benchmark,
        String mode,
        String model,
        String provider,
        String batchSize,
        String intraOpThreads,
        Map<String, String> otherParams) {

    public static final String MODEL = "model";
    public static final String PROVIDER = "provider";
    public static final String BATCH_SIZE = "batchSize";
    public static final String INTRA_OP_THREADS = "intraOpThreads";
    public static final String DIMS = "dims";

    private static final Set<String> OURS = Set.of(MODEL, PROVIDER, BATCH_SIZE, INTRA_OP_THREADS);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");

    public Configuration {
        otherParams = Collections.unmodifiableMap(new LinkedHashMap<>(otherParams));
    }

    public static Configuration of(JmhResult result) {
        return of(result.benchmark(), result.mode(), result.params());
    }

    /** A configuration from its parts, for one that has no result (a failed one in env.json's {@code run}). */
    public static Configuration of(String benchmark, String mode, Map<String, String> params) {
        Map<String, String> other = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            // An empty dims (the default) names no dimension, so it would only add noise.
            if (!OURS.contains(name) && !(DIMS.equals(name) && value.isEmpty())) {
                other.put(name, value);
            }
        });
        return new Configuration(
                benchmark,
                mode,
                params.getOrDefault(MODEL, ""),
                params.getOrDefault(PROVIDER, ""),
                params.getOrDefault(BATCH_SIZE, ""),
                params.getOrDefault(INTRA_OP_THREADS, ""),
                other);
    }

    /** True when the benchmark has a {@code batchSize} parameter that is a whole number. */
    public boolean hasBatchSize() {
        return batchSize.matches("\\d+");
    }

    /**
     * Items one operation handles: the batch size, or 1 when the benchmark has no numeric
     * {@code batchSize} parameter (another suite's benchmark is taken as one item per call).
     */
    public int itemsPerOp() {
        return hasBatchSize() ? Integer.parseInt(batchSize) : 1;
    }

    /** Groups the summary: the model, or the benchmark's short name when there is no model parameter. */
    public String group() {
        return model.isEmpty() ? shortBenchmark() : model;
    }

    /** The other parameters as {@code name=value} pairs joined by {@code ;}, in JMH's order. */
    public String otherParamsText() {
        return otherParams.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    /** The benchmark without its package: {@code OrtSessionRunBenchmark.run}. */
    public String shortBenchmark() {
        return JmhResult.shortName(benchmark);
    }

    /**
     * A short human label, e.g. {@code student CPU b8 t0}, or the other parameters for another
     * suite. {@code qualified} puts the benchmark and mode in front, for runs where the
     * parameters alone do not tell configurations apart.
     */
    public String label(boolean qualified) {
        List<String> parts = new ArrayList<>();
        if (qualified || (model.isEmpty() && provider.isEmpty() && batchSize.isEmpty() && otherParams.isEmpty())) {
            parts.add(shortBenchmark());
        }
        if (qualified) {
            parts.add(mode);
        }
        if (!model.isEmpty()) {
            parts.add(model);
        }
        if (!provider.isEmpty()) {
            parts.add(provider);
        }
        if (!batchSize.isEmpty()) {
            parts.add("b" + batchSize);
        }
        if (!intraOpThreads.isEmpty()) {
            parts.add("t" + intraOpThreads);
        }
        otherParams.forEach((name, value) -> parts.add(name + "=" + value));
        return String.join(" ", parts);
    }

    /** {@link #label(boolean)} made safe for a file name: {@code student_CPU_b8_t0}. */
    public String fileLabel(boolean qualified) {
        String joined = String.join("_", label(qualified).split(" "));
        return UNSAFE.matcher(joined.replace('=', '-')).replaceAll("-");
    }
}
