package org.edgebench.count;

import org.edgebench.run.Configuration;

/**
 * The instructions of one configuration's {@code OrtSession.run} calls, counted by callgrind: the
 * first {@code callsLow} measured calls took {@code instructionsLow}, the first {@code callsHigh}
 * took {@code instructionsHigh}, so the calls in between cost {@link #perInference()} each. The
 * difference leaves out whatever a count of calls shares whatever its length (session creation,
 * warm-up, the counting itself), as two runs of N1 and N2 calls would.
 *
 * @param configuration the configuration as counted: {@code OrtSessionRunBenchmark.run} with intra-op threads 1
 * @param valgrind      the version of valgrind that counted, e.g. {@code 3.19.0}: it decides which CPU
 *                      features ONNX Runtime sees, and so which kernels it runs
 */
public record InstructionCount(Configuration configuration, int callsLow, int callsHigh, long instructionsLow,
                               long instructionsHigh, String valgrind) {

    public InstructionCount {
        if (callsLow < 1 || callsHigh <= callsLow) {
            throw new IllegalArgumentException("need 1 <= callsLow < callsHigh, got " + callsLow + " and " + callsHigh);
        }
    }

    /** Instructions of one call: the difference of the two counts over the difference of their calls. */
    public double perInference() {
        return (double) (instructionsHigh - instructionsLow) / (callsHigh - callsLow);
    }

    /** {@link #perInference()} per item of the batch. */
    public double perItem() {
        return perInference() / configuration.itemsPerOp();
    }
}
