package org.edgebench.bench;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The run settings of the benchmarks that time warm calls ({@link OrtSessionRunBenchmark},
 * {@link DjlPredictorBenchmark}), in one place so their numbers compare directly. JMH reads these
 * annotations from a benchmark's superclass when the benchmark does not set them itself.
 */
// The distribution, not one mean: the report's percentiles and verdicts need every call timed.
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Two forks: a native or JIT accident stays in one fork, and `compare` has forks to count.
@Fork(2)
// ONNX Runtime settles its arena and kernel choices in the first calls, the JIT in the first second.
@Warmup(iterations = 3, time = 1)
// Five 2 s iterations give thousands of samples at batch 1 and show drift between iterations.
@Measurement(iterations = 5, time = 2)
public abstract class SteadyStateBenchmark {
}
