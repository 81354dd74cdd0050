package org.edgebench.model.inputs;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo.OnnxTensorType;

import java.util.Locale;
import java.util.Optional;

/**
 * ONNX element types as inputs need them: ONNX's short names, bytes per element, the ONNX
 * {@code TensorProto} numbering, and which types ONNX Runtime's Java API can make a tensor of.
 *
 * <p>The Java API (1.29.0) makes tensors through {@code OnnxTensor.createTensor} from a buffer and
 * an {@link OnnxJavaType}, which has float32, float64, float16, bfloat16, int8, uint8, int16,
 * int32, int64, bool and string. There is no unsigned 16, 32 or 64-bit, complex or float8 Java
 * type, and passing the signed type of the same width makes a signed tensor, which a model
 * declaring uint32 rejects; sequences and maps cannot be made at all. Those inputs are refused
 * with the type named, before any fork.
 */
public final class ElementTypes {

    private static final String PREFIX = "ONNX_TENSOR_ELEMENT_DATA_TYPE_";

    private ElementTypes() {
    }

    /** ONNX's short name of an element type: float32, int64, bool... */
    public static String name(OnnxTensorType type) {
        String raw = type.name().replace(PREFIX, "").toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "float" -> "float32";
            case "double" -> "float64";
            default -> raw;
        };
    }

    /** Bytes per element of a fixed-width type; 0 for strings and types without a fixed width here. */
    public static int size(OnnxTensorType type) {
        return switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE, ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64, ONNX_TENSOR_ELEMENT_DATA_TYPE_COMPLEX64 -> 8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> 4;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16, ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> 2;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL, ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT8E4M3FN,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT8E4M3FNUZ, ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT8E5M2,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT8E5M2FNUZ -> 1;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_COMPLEX128 -> 16;
            default -> 0;
        };
    }

    /** The Java type ONNX Runtime makes a tensor of this element type from, if it can make one. */
    static Optional<OnnxJavaType> javaType(OnnxTensorType type) {
        return switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16, ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16, ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> Optional.of(OnnxJavaType.mapFromOnnxTensorType(type));
            default -> Optional.empty();
        };
    }

    /** True when ONNX Runtime's Java API can make a tensor of this element type. */
    public static boolean creatable(OnnxTensorType type) {
        return javaType(type).isPresent();
    }

    /**
     * Why the Java API cannot make a tensor of {@code type}, to follow "input 'x' is uint32, ":
     * {@code which ONNX Runtime's Java API cannot create (...)}.
     */
    static String whyNotCreatable(OnnxTensorType type) {
        String why = switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> "its OnnxJavaType has no unsigned 16, 32 or 64-bit type,"
                    + " and the signed one makes a signed tensor";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_COMPLEX64, ONNX_TENSOR_ELEMENT_DATA_TYPE_COMPLEX128 -> "it has no complex type";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED -> "the model gives no element type";
            default -> "it has no float8 type";
        };
        return "which ONNX Runtime's Java API cannot create (" + why + ")";
    }

    /**
     * The element type of ONNX's {@code TensorProto.data_type} number, empty for a number this
     * build's ONNX protobuf classes or ONNX Runtime do not know (4-bit types, newer additions).
     */
    static Optional<OnnxTensorType> fromTensorProto(int dataType) {
        OnnxMl.TensorProto.DataType known = OnnxMl.TensorProto.DataType.forNumber(dataType);
        if (known == null || known == OnnxMl.TensorProto.DataType.UNDEFINED) {
            return Optional.empty();
        }
        try {
            return Optional.of(OnnxTensorType.valueOf(PREFIX + known.name()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code [batch_size, 3, 64, 64]}: symbolic dimensions by name, unnamed ones as {@code ?}. */
    public static String shape(long[] dims, String[] names) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            if (dims[i] >= 0) {
                s.append(dims[i]);
            } else {
                s.append(names != null && i < names.length && !names[i].isEmpty() ? names[i] : "?");
            }
        }
        return s.append(']').toString();
    }
}
