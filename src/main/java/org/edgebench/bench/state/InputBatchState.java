package org.edgebench.bench.state;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.edgebench.model.TensorValues;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One caller's batch of input tensors for the session's model (seeded or read from files, as the
 * {@code inputs} parameter says), built once per trial, and
 * the output tensors ONNX Runtime writes into on every call ("pinned" outputs), so a measured call
 * allocates neither inputs nor outputs. One per JMH thread ({@link Scope#Thread}) on the one
 * shared session: callers that shared the pinned outputs would have ONNX Runtime write two
 * answers into the same buffers at once.
 */
@State(Scope.Thread)
public class InputBatchState {

    @Param({"1", "8", "32"})
    public int batchSize;

    /** Inputs by name, in the model's input order. */
    public Map<String, OnnxTensor> inputs;
    /** Pre-allocated outputs, for every output whose shape and type are fixed by the batch. */
    public Map<String, OnnxTensor> pinnedOutputs;
    /** Outputs ONNX Runtime allocates per call (non-tensor outputs); usually empty. */
    public Set<String> allocatedOutputs;
    /** The inputs' bytes. */
    public long inputBytes;
    /** This caller's inputs' and pinned outputs' bytes, added to {@link TensorFootprint} for every caller. */
    public long tensorBytes;

    @Setup(Level.Trial)
    public void build(OrtSessionState state) throws OrtException {
        List<TensorValues> values = state.inputSource.values(
                state.model, state.session.getInputInfo(), batchSize, state.dimValues());
        inputBytes = values.stream().mapToLong(TensorValues::bytes).sum();
        inputs = Collections.unmodifiableMap(TensorValues.tensors(state.env, values));
        pinnedOutputs = new LinkedHashMap<>();
        allocatedOutputs = new LinkedHashSet<>();
        long outputBytes = 0;
        // One unmeasured call tells the concrete output shapes for this batch.
        try (OrtSession.Result first = state.session.run(inputs)) {
            for (Map.Entry<String, OnnxValue> output : first) {
                if (output.getValue() instanceof OnnxTensor tensor && pinnable(tensor.getInfo())) {
                    TensorInfo info = tensor.getInfo();
                    ByteBuffer buffer = ByteBuffer.allocateDirect(tensor.getByteBuffer().capacity())
                            .order(ByteOrder.nativeOrder());
                    outputBytes += buffer.capacity();
                    pinnedOutputs.put(output.getKey(), OnnxTensor.createTensor(state.env, buffer, info.getShape(), info.type));
                } else {
                    allocatedOutputs.add(output.getKey());
                }
            }
        }
        pinnedOutputs = Collections.unmodifiableMap(pinnedOutputs);
        tensorBytes = inputBytes + outputBytes;
        TensorFootprint.add(tensorBytes);
        allocatedOutputs = Collections.unmodifiableSet(allocatedOutputs);
    }

    private static boolean pinnable(TensorInfo info) {
        return info.type != OnnxJavaType.STRING && info.type != OnnxJavaType.UNKNOWN;
    }

    @TearDown(Level.Trial)
    public void close() {
        if (inputs != null) {
            inputs.values().forEach(OnnxTensor::close);
        }
        if (pinnedOutputs != null) {
            pinnedOutputs.values().forEach(OnnxTensor::close);
        }
    }
}
