package org.edgebench.bench;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import org.edgebench.bench.state.DjlPredictorState;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Latency of one inference through DJL: {@code Predictor.predict} on a prebuilt {@link NDList} of
 * the same inputs {@link OrtSessionRunBenchmark} feeds ONNX Runtime directly, on the same
 * ONNX Runtime, so the difference between the two is what DJL's layer costs. Every call is timed
 * ({@link Mode#SampleTime}).
 *
 * <p>Included, because DJL does it on every call: the predictor's per-call context with its own
 * NDManager, the engine's per-call sub-manager and input map, wrapping each output tensor in an
 * NDArray, and ONNX Runtime allocating the outputs (DJL cannot hand it pre-allocated ones, unlike
 * {@code OrtSessionRunBenchmark}). Freeing the outputs is included too: DJL attaches them to the
 * inputs' NDManager, so each call closes its NDList, which closes every output's native tensor; no
 * per-call NDManager of our own is needed.
 *
 * <p>Excluded: loading the model (once per trial in {@link org.edgebench.bench.state.DjlModelState}),
 * creating the predictor and the input arrays (once per trial and caller in {@link DjlPredictorState}),
 * and the first inferences (warm-up iterations). With several callers ({@code -t}, {@code --callers})
 * each has its own predictor and inputs on the one shared model.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar DjlPredictorBenchmark -p model=student -p batchSize=1,8 -p provider=CPU}
 */
public class DjlPredictorBenchmark extends SteadyStateBenchmark {

    /**
     * One prediction. The first output's shape, read before the outputs are closed, is what the
     * blackhole consumes: it depends on the call and costs a few hundred nanoseconds at most.
     */
    @Benchmark
    public Shape predict(DjlPredictorState djl) throws TranslateException {
        try (NDList outputs = djl.predictor.predict(djl.inputs)) {
            return outputs.head().getShape();
        }
    }
}
