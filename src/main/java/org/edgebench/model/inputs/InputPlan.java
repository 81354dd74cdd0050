package org.edgebench.model.inputs;

import ai.onnxruntime.TensorInfo.OnnxTensorType;

import java.util.Arrays;

/**
 * One model input, fully resolved: its element type and the concrete shape it will have for this
 * batch, whether its values are synthesized or read from a file. Enough to size the tensors before
 * any is made.
 */
public record InputPlan(String name, OnnxTensorType elementType, long[] shape) {

    /** Number of elements. */
    public long elements() {
        return Arrays.stream(shape).reduce(1L, Math::multiplyExact);
    }

    /** Bytes of the tensor's data; a string counts one byte per element, a lower bound. */
    public long bytes() {
        return Math.multiplyExact(elements(), Math.max(1, ElementTypes.size(elementType)));
    }

    @Override
    public String toString() {
        return name + " " + ElementTypes.name(elementType) + Arrays.toString(shape);
    }
}
