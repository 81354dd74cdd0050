package org.edgebench.bench;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.edgebench.bench.state.InputBatchState;
import org.edgebench.bench.state.OrtSessionState;
import org.openjdk.jmh.annotations.Benchmark;

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
public class OrtSessionRunBenchmark extends SteadyStateBenchmark {

    /** One inference; the closed result is returned so JMH's blackhole consumes it. */
    @Benchmark
    public OrtSession.Result run(OrtSessionState session, InputBatchState batch) throws OrtException {
        try (OrtSession.Result result = session.session.run(batch.inputs, batch.allocatedOutputs, batch.pinnedOutputs)) {
            return result;
        }
    }
}
