package org.edgebench.run;

import java.util.regex.Pattern;

/**
 * The suite's benchmarks, by name: the one place that knows the classes of {@code bench} as JMH
 * names them ({@code org.edgebench.bench.OrtSessionRunBenchmark.run}). {@code BenchmarkNamesTest}
 * checks each against its class.
 */
public enum Benchmark {

    /** {@code OrtSession.run} on prebuilt tensors: the latency distribution. */
    ORT_RUN("OrtSessionRunBenchmark", "run"),
    /** The same call through DJL's {@code Predictor}. */
    DJL_PREDICT("DjlPredictorBenchmark", "predict"),
    /** Session creation and the first inference, one per fork. */
    COLD_START("SessionColdStartBenchmark", "createSessionAndRunFirst"),
    /** Each warm-up iteration of a fresh session. */
    WARMUP_CURVE("WarmupCurveBenchmark", "run");

    /** The package of the benchmark classes. */
    public static final String PACKAGE = "org.edgebench.bench";

    private final String className;
    private final String method;

    Benchmark(String className, String method) {
        this.className = className;
        this.method = method;
    }

    /** The class's simple name, {@code OrtSessionRunBenchmark}. */
    public String className() {
        return className;
    }

    /** The benchmark method, {@code run}. */
    public String method() {
        return method;
    }

    /** JMH's name for it, {@code org.edgebench.bench.OrtSessionRunBenchmark.run}. */
    public String jmhName() {
        return PACKAGE + "." + className + "." + method;
    }

    /** A JMH include pattern that selects exactly this benchmark. */
    public String include() {
        return "^" + Pattern.quote(PACKAGE + "." + className) + "." + method + "$";
    }

    /** Whether {@code configuration} is of this benchmark's class. */
    public boolean is(Configuration configuration) {
        return configuration.shortBenchmark().startsWith(className + ".");
    }
}
