package org.edgebench.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Optional;

/** What a tensor an inference returned holds, as numbers. */
public final class OutputValues {

    private OutputValues() {
    }

    /** A numeric tensor's values as doubles, row-major; empty for strings and types without a number. */
    public static Optional<double[]> of(OnnxTensor tensor) {
        TensorInfo info = tensor.getInfo();
        int n = Math.toIntExact(info.getNumElements());
        double[] values = new double[n];
        switch (info.onnxType) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> {
                FloatBuffer b = tensor.getFloatBuffer();
                for (int i = 0; i < n; i++) {
                    values[i] = b.get(i);
                }
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> {
                DoubleBuffer b = tensor.getDoubleBuffer();
                b.get(0, values);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16, ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> {
                ShortBuffer b = tensor.getShortBuffer();
                boolean fp16 = info.onnxType == TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16;
                for (int i = 0; i < n; i++) {
                    values[i] = fp16 ? Fp16Conversions.fp16ToFloat(b.get(i)) : Fp16Conversions.bf16ToFloat(b.get(i));
                }
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> {
                ByteBuffer b = tensor.getByteBuffer();
                for (int i = 0; i < n; i++) {
                    values[i] = b.get(i);
                }
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> {
                ByteBuffer b = tensor.getByteBuffer();
                for (int i = 0; i < n; i++) {
                    values[i] = Byte.toUnsignedInt(b.get(i));
                }
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> {
                ShortBuffer b = tensor.getShortBuffer();
                for (int i = 0; i < n; i++) {
                    values[i] = b.get(i);
                }
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> {
                IntBuffer b = tensor.getIntBuffer();
                for (int i = 0; i < n; i++) {
                    values[i] = b.get(i);
                }
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> {
                LongBuffer b = tensor.getLongBuffer();
                for (int i = 0; i < n; i++) {
                    values[i] = b.get(i);
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }
}
