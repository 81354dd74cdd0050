package org.edgebench.bench.state;

import org.edgebench.run.Benchmark;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Map;
import java.util.Optional;

/**
 * The benchmarks whose number means nothing with more than one caller (JMH thread), and why. The
 * launcher refuses such a run before any fork starts; the benchmarks' states refuse it again in
 * their setup, for plain JMH.
 */
public final class SingleCaller {

    /* By the benchmark class's simple name, as the report recognises the suite's benchmarks. */
    private static final Map<String, String> WHY = Map.of(
            Benchmark.COLD_START.className(), "it times the first session of a fresh JVM, and another caller's session"
                    + " would be the second, made while the first competes for the cores",
            Benchmark.WARMUP_CURVE.className(), "iteration k is the k-th inference of one session, and several callers would"
                    + " share those inferences between them");

    private SingleCaller() {
    }

    /** The one line refusing {@code callers} callers of {@code benchmark}, or empty when it may have them. */
    public static Optional<String> refusal(String benchmark, int callers) {
        if (callers <= 1) {
            return Optional.empty();
        }
        int method = benchmark.lastIndexOf('.');
        String type = method > 0 ? benchmark.substring(0, method) : benchmark;
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return Optional.ofNullable(WHY.get(simple)).map(why -> simple + " runs with one caller only, not " + callers
                + ": " + why + "; run it without -t and --callers, or leave it out with a regexp");
    }

    /** Throws when the trial about to start has more callers than its benchmark can have. */
    static void require(BenchmarkParams params) {
        refusal(params.getBenchmark(), params.getThreads()).ifPresent(line -> {
            throw new IllegalStateException(line);
        });
    }
}
