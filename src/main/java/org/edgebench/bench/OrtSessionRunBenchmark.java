package org.edgebench.bench;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.edgebench.bench.state.InputBatchState;
import org.edgebench.bench.state.OrtSessionState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Latency of one inference: {@code OrtSession.run} on a prebuilt batch of inputs (seeded, or read
 * from files with {@code -p inputs=}), writing into pre-allocated outputs. Every call is timed
 * ({@link Mode#SampleTime}), so the result is a distribution (P50 ... P99.9, max), not only a mean.
 *
 * <p>Excluded on purpose: loading the model, creating the session, building the input tensors and
 * the output buffers (all once per trial, in the states), and the first inferences (JMH's warm-up
 * iterations). Cold start is {@code SessionColdStartBenchmark}'s job.
 *
 * <p>With several callers ({@code -t}, {@code --callers}) every JMH thread calls the one shared
 * session with inputs and pinned outputs of its own ({@link InputBatchState} is per thread), as a
 * server answering concurrent requests from one session would.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar OrtSessionRunBenchmark -p batchSize=1,8,32 -p provider=CPU}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Two forks: a native or JIT accident stays in one fork, and `compare` has forks to count.
@Fork(2)
// ONNX Runtime settles its arena and kernel choices in the first calls, the JIT in the first second.
@Warmup(iterations = 3, time = 1)
// Five 2 s iterations give thousands of samples at batch 1 and show drift between iterations.
@Measurement(iterations = 5, time = 2)
public class OrtSessionRunBenchmark {

    /** One inference; the closed result is returned so JMH's blackhole consumes it. */
    @Benchmark
    public OrtSession.Result run(OrtSessionState session, InputBatchState batch) throws OrtException {
        try (OrtSession.Result result = session.session.run(batch.inputs, batch.allocatedOutputs, batch.pinnedOutputs)) {
            return result;
        }
    }
}
