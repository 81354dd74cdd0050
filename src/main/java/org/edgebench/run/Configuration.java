package org.edgebench.run;


import org.openjdk.jmh.annotations.Mode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One configuration of a run: a benchmark method in one mode, with one value per parameter, called
 * by {@code callers} JMH threads ("callers", JMH's {@code -t}). The launcher plans with it (the mode
 * is then empty: JMH decides it), the report labels its rows with it, and {@code compare} matches
 * runs on its {@link #key()}. The suite's own parameters ({@code model}, {@code provider},
 * {@code batchSize}, {@code intraOpThreads}) have accessors, empty when the benchmark has no such
 * parameter; every other parameter (our {@code dims} when set, or another suite's) is in
 * {@link #otherParams()}.
 *
 * @param params in JMH's order (insertion-ordered, unmodifiable)
 */
public record Configuration(String benchmark, String mode, int callers, Map<String, String> params) {

    public static final String MODEL = "model";
    public static final String PROVIDER = "provider";
    public static final String BATCH_SIZE = "batchSize";
    public static final String INTRA_OP_THREADS = "intraOpThreads";
    public static final String DIMS = "dims";
    /** Where the input values come from; empty (the default) synthesizes them. */
    public static final String INPUTS = "inputs";
    /** The suite's parameters, in the order the launcher resolves them. */
    public static final List<String> SUITE_PARAMS = List.of(MODEL, BATCH_SIZE, PROVIDER, INTRA_OP_THREADS, DIMS, INPUTS);
    /** Parameters whose empty value is their default and says nothing: left out of labels and keys. */
    private static final List<String> EMPTY_BY_DEFAULT = List.of(DIMS, INPUTS);

    private static final List<String> NAMED = List.of(MODEL, PROVIDER, BATCH_SIZE, INTRA_OP_THREADS);

    public Configuration {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * What makes two configurations the same across runs: benchmark, mode, callers and the
     * parameters by name. The mode is part of it because {@code -bm sample,thrpt} runs the same
     * parameters twice. {@link #toString()} reads like
     * {@code org.edgebench.bench.OrtSessionRunBenchmark.run [sample] batchSize=8,model=student,provider=CPU}.
     */
    public record Key(String benchmark, String mode, int callers, SortedMap<String, String> params) {

        public Key {
            params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        }

        /** The same key with {@code name} set aside, to pair configurations that differ only in it (CPU with XNNPACK). */
        public Key without(String name) {
            TreeMap<String, String> rest = new TreeMap<>(params);
            rest.remove(name);
            return new Key(benchmark, mode, callers, rest);
        }

        /** The same key for any benchmark: the same settings run through another benchmark (DJL next to raw ONNX Runtime). */
        public Key anyBenchmark() {
            return new Key("", mode, callers, params);
        }

        /** The same key for any number of callers: one setting run with 1, 2, 4 ... JMH threads. */
        public Key anyCallers() {
            return new Key(benchmark, mode, 0, params);
        }

        /** The same key in another mode (a single-shot cold start next to the sampled warm latency). */
        public Key inMode(String otherMode) {
            return new Key(benchmark, otherMode, callers, params);
        }

        /** The same key with {@code name} set to {@code value}. */
        public Key with(String name, String value) {
            TreeMap<String, String> changed = new TreeMap<>(params);
            changed.put(name, value);
            return new Key(benchmark, mode, callers, changed);
        }

        @Override
        public String toString() {
            String sorted = params.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            return benchmark + " [" + mode + (callers == 1 ? "" : ", " + callers + " callers") + "]"
                    + (sorted.isEmpty() ? "" : " " + sorted);
        }
    }

    /** Whether JMH measured this configuration in {@code mode}. */
    public boolean in(Mode mode) {
        return mode.shortLabel().equals(this.mode);
    }

    /** A numeric parameter's place in an order: its value when it is digits, else after every number. */
    public static int number(String value) {
        return value.matches("\\d{1,9}") ? Integer.parseInt(value) : Integer.MAX_VALUE;
    }

    /**
     * An {@code intraOpThreads} value's place in an order: the explicit counts by number, then 0,
     * ONNX Runtime's own choice (all cores, usually), then anything else.
     */
    public static int threadOrder(String threads) {
        int n = number(threads);
        return n == 0 ? Integer.MAX_VALUE - 1 : n;
    }

    /**
     * The one order of configurations in tables, charts and sentences: model, provider, batch size,
     * intra-op threads ({@link #threadOrder}), other parameters, benchmark, callers.
     */
    public static final Comparator<Configuration> ORDER = Comparator
            .comparing(Configuration::model)
            .thenComparing(Configuration::provider)
            .thenComparingInt(c -> number(c.batchSize()))
            .thenComparingInt(c -> threadOrder(c.intraOpThreads()))
            .thenComparing(Configuration::otherParamsText)
            .thenComparing(Configuration::benchmark)
            .thenComparingInt(Configuration::callers);

    /** A configuration the launcher plans, before JMH has chosen the mode. */
    public static Configuration planned(String benchmark, int callers, Map<String, String> params) {
        return new Configuration(benchmark, "", callers, params);
    }

    /**
     * The key of this configuration. An empty {@code inputs} (synthesized, the default) is left out,
     * so runs from before the parameter existed, committed baselines among them, keep matching.
     */
    public Key key() {
        TreeMap<String, String> keyed = new TreeMap<>(params);
        if (keyed.getOrDefault(INPUTS, "x").isEmpty()) {
            keyed.remove(INPUTS);
        }
        return new Key(benchmark, mode, callers, keyed);
    }

    public String model() {
        return params.getOrDefault(MODEL, "");
    }

    public String provider() {
        return params.getOrDefault(PROVIDER, "");
    }

    public String batchSize() {
        return params.getOrDefault(BATCH_SIZE, "");
    }

    public String intraOpThreads() {
        return params.getOrDefault(INTRA_OP_THREADS, "");
    }

    /**
     * Parameters other than the suite's named ones; an empty {@code dims} (no dimension) or
     * {@code inputs} (synthesized, the default) is left out, so such labels read as they always did.
     */
    public Map<String, String> otherParams() {
        Map<String, String> other = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (!NAMED.contains(name) && !(EMPTY_BY_DEFAULT.contains(name) && value.isEmpty())) {
                other.put(name, value);
            }
        });
        return other;
    }

    /** True when the benchmark has a {@code batchSize} parameter that is a whole number. */
    public boolean hasBatchSize() {
        return batchSize().matches("\\d+");
    }

    /**
     * Items one operation handles: the batch size, or 1 when the benchmark has no numeric
     * {@code batchSize} parameter (another suite's benchmark is taken as one item per call).
     */
    public int itemsPerOp() {
        return hasBatchSize() ? Integer.parseInt(batchSize()) : 1;
    }

    /** Groups the summary: the model, or the benchmark's short name when there is no model parameter. */
    public String group() {
        return model().isEmpty() ? shortBenchmark() : model();
    }

    /** The other parameters as {@code name=value} pairs joined by {@code ;}, in JMH's order. */
    public String otherParamsText() {
        return otherParams().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    /** The benchmark without its package: {@code OrtSessionRunBenchmark.run}. */
    public String shortBenchmark() {
        int method = benchmark.lastIndexOf('.');
        int type = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
        return benchmark.substring(type + 1);
    }

    /** The callers as a label part: {@code c2}, or empty for the one caller of a plain run. */
    public String callersLabel() {
        return callers == 1 ? "" : "c" + callers;
    }

    /** {@link #label(boolean)} without the benchmark: {@code student CPU b8 t0}. */
    public String label() {
        return label(false);
    }

    /**
     * A short human label, e.g. {@code student CPU b8 t0} (t: intra-op threads), or the other
     * parameters for another suite; more than one caller adds {@code c2}, {@code c4}, ...
     * ({@code student CPU b8 t0 c2}). {@code qualified} puts the benchmark and mode (when known) in
     * front, for runs where the parameters alone do not tell configurations apart, and for the
     * launcher's progress lines.
     */
    public String label(boolean qualified) {
        List<String> parts = new ArrayList<>();
        Map<String, String> other = otherParams();
        if (qualified || (model().isEmpty() && provider().isEmpty() && batchSize().isEmpty() && other.isEmpty())) {
            parts.add(shortBenchmark());
        }
        if (qualified && !mode.isEmpty()) {
            parts.add(mode);
        }
        if (!model().isEmpty()) {
            parts.add(model());
        }
        if (!provider().isEmpty()) {
            parts.add(provider());
        }
        if (!batchSize().isEmpty()) {
            parts.add("b" + batchSize());
        }
        if (!intraOpThreads().isEmpty()) {
            parts.add("t" + intraOpThreads());
        }
        if (!callersLabel().isEmpty()) {
            parts.add(callersLabel());
        }
        other.forEach((name, value) -> parts.add(name + "=" + value));
        return String.join(" ", parts);
    }

    /** {@link #label(boolean)} made safe for a file name: {@code student_CPU_b8_t0}. */
    public String fileLabel(boolean qualified) {
        String joined = String.join("_", label(qualified).split(" "));
        return RunFiles.safeName(joined.replace('=', '-'), "-");
    }
}
