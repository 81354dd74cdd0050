package org.edgebench.bench.state;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Collections;
import java.util.Map;

/**
 * One batch of input tensors for the session's model (seeded or read from files, as the
 * {@code inputs} parameter says), built once per trial without running
 * the session: unlike {@link InputBatchState}, which primes the session with one call to learn the
 * output shapes, this leaves the session untouched, so the first measured call is its first
 * inference. Outputs are allocated by ONNX Runtime on every call. The warm-up curve it serves is
 * one session's first inferences, so more than one caller is refused ({@link SingleCaller}).
 */
@State(Scope.Benchmark)
public class InputTensorsState {

    @Param({"1", "8", "32"})
    public int batchSize;

    /** Inputs by name, in the model's input order. */
    public Map<String, OnnxTensor> inputs;

    @Setup(Level.Trial)
    public void oneCaller(BenchmarkParams params) {
        SingleCaller.require(params);
    }

    @Setup(Level.Trial)
    public void build(OrtSessionState state) throws OrtException {
        inputs = Collections.unmodifiableMap(state.inputSource.tensors(
                state.env, state.model, state.session.getInputInfo(), batchSize, state.dimValues()));
    }

    @TearDown(Level.Trial)
    public void close() {
        if (inputs != null) {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
