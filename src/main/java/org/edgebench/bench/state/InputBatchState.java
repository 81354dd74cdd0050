package org.edgebench.bench.state;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.edgebench.model.inputs.TensorValues;
import org.edgebench.runtime.OperatorFailure;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** The unmeasured calls setup makes: one to learn the output shapes, one to check them pinned. */
    public static final int SETUP_CALLS = 2;

    @Param({"1", "8", "32"})
    public int batchSize;

    /** Inputs by name, in the model's input order. */
    public Map<String, OnnxTensor> inputs;
    /** Pre-allocated outputs, for every output whose shape and type are fixed by the batch. */
    public Map<String, OnnxTensor> pinnedOutputs;
    /**
     * Outputs ONNX Runtime allocates per call: non-tensor outputs and those whose shape depends on
     * the input values ({@link OutputAllocation}); usually empty.
     */
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
        Map<String, String> whyAllocated = new LinkedHashMap<>();
        Map<String, NodeInfo> declared = state.session.getOutputInfo();
        long outputBytes = 0;
        // One unmeasured call tells the concrete output shapes for this batch and these input values.
        try (OrtSession.Result first = firstCall(state)) {
            for (Map.Entry<String, OnnxValue> output : first) {
                Optional<String> notPinned = output.getValue() instanceof OnnxTensor tensor
                        ? whyNotPinned(tensor.getInfo(), declared.get(output.getKey()))
                        : Optional.of("not a tensor");
                if (notPinned.isEmpty()) {
                    TensorInfo info = ((OnnxTensor) output.getValue()).getInfo();
                    ByteBuffer buffer = ByteBuffer.allocateDirect(((OnnxTensor) output.getValue()).getByteBuffer().capacity())
                            .order(ByteOrder.nativeOrder());
                    outputBytes += buffer.capacity();
                    pinnedOutputs.put(output.getKey(), OnnxTensor.createTensor(state.env, buffer, info.getShape(), info.type));
                } else {
                    allocatedOutputs.add(output.getKey());
                    whyAllocated.put(output.getKey(), notPinned.get());
                }
            }
        }
        // A second unmeasured call, as measured, so ONNX Runtime's own check of the pinned shapes is passed before timing starts.
        try (OrtSession.Result checked = state.session.run(inputs, allocatedOutputs, pinnedOutputs)) {
            checked.size();
        } catch (OrtException e) {
            pinnedOutputs.forEach((name, tensor) -> {
                tensor.close();
                allocatedOutputs.add(name);
                whyAllocated.put(name, "ONNX Runtime refused it pinned: " + e.getMessage().lines().findFirst().orElse("").strip());
            });
            pinnedOutputs.clear();
            outputBytes = 0;
        }
        pinnedOutputs = Collections.unmodifiableMap(pinnedOutputs);
        tensorBytes = inputBytes + outputBytes;
        TensorFootprint.add(tensorBytes);
        allocatedOutputs = Collections.unmodifiableSet(allocatedOutputs);
        OutputAllocation.report(whyAllocated);
    }

    private OrtSession.Result firstCall(OrtSessionState state) throws OrtException {
        try {
            return state.session.run(inputs);
        } catch (OrtException e) {
            if (e.getMessage() != null && OperatorFailure.find(e.getMessage()).isPresent()) {
                throw new InputsRejectedException(e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Why an output cannot be written into a buffer made before the measured calls: a string or
     * unknown type, or a shape that depends on the input values and so contradicts what the model
     * declares (ONNX Runtime checks a pinned output against the declared shape, not the computed one).
     */
    static Optional<String> whyNotPinned(TensorInfo returned, NodeInfo declaredNode) {
        if (!pinnable(returned)) {
            return Optional.of("a " + returned.type + " tensor");
        }
        if (declaredNode != null && declaredNode.getInfo() instanceof TensorInfo declared) {
            long[] want = declared.getShape();
            long[] got = returned.getShape();
            boolean agrees = want.length == got.length;
            for (int i = 0; agrees && i < want.length; i++) {
                agrees = want[i] < 0 || want[i] == got[i];
            }
            if (!agrees) {
                return Optional.of("its shape depends on the input values: the first call gave " + Arrays.toString(got)
                        + ", the model declares " + Arrays.toString(want));
            }
        }
        return Optional.empty();
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
