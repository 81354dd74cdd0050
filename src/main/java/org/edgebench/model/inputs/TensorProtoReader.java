package org.edgebench.model.inputs;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.edgebench.BadInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a serialized ONNX {@code TensorProto} ({@code input_0.pb} in ONNX's test-data layout) into
 * {@link TensorValues}: the values from {@code raw_data} (little-endian, as ONNX stores it) or from
 * the typed field ONNX keeps that type in ({@code float_data}, {@code int32_data} for the narrow
 * integers, bool and the 16-bit floats' bits, {@code int64_data}, {@code uint64_data} for uint32 and
 * uint64, {@code double_data}, {@code string_data}). External data and segments are refused.
 */
public final class TensorProtoReader {

    private TensorProtoReader() {
    }

    /**
     * @throws BadInputException when the file cannot be read or is not a TensorProto this reads (naming the file)
     */
    public static TensorValues read(Path file) {
        OnnxMl.TensorProto proto;
        try {
            proto = OnnxMl.TensorProto.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new BadInputException(file + " is not a serialized ONNX TensorProto: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return fromProto(proto, file.toString());
    }

    /** The values of {@code proto}; {@code origin} names it in errors. */
    static TensorValues fromProto(OnnxMl.TensorProto proto, String origin) {
        if (proto.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL || proto.getExternalDataCount() > 0) {
            throw new BadInputException(origin + " keeps its values in an external file, which is not read here;"
                    + " save the tensor with its data inside (raw_data)");
        }
        if (proto.hasSegment()) {
            throw new BadInputException(origin + " is a segment of a larger tensor (or not a TensorProto at all,"
                    + " e.g. a SequenceProto); only whole TensorProtos are read");
        }
        OnnxTensorType type = ElementTypes.fromTensorProto(proto.getDataType()).orElseThrow(() -> new BadInputException(
                origin + " has TensorProto data_type " + proto.getDataType() + ", which ONNX Runtime's Java API has no"
                        + " element type for" + (proto.getDataType() == 0 ? " (0: undefined; is it a TensorProto?)" : "")));
        long[] shape = proto.getDimsList().stream().mapToLong(Long::longValue).toArray();
        for (long d : shape) {
            if (d < 0) {
                throw new BadInputException(origin + " has a negative dimension in its shape " + proto.getDimsList());
            }
        }
        long elements = elements(shape, origin);
        if (type == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING) {
            List<ByteString> values = proto.getStringDataList();
            requireCount(origin, "string_data", values.size(), elements, shape);
            return TensorValues.ofStrings(proto.getName(), shape,
                    values.stream().map(v -> v.toString(StandardCharsets.UTF_8)).toArray(String[]::new));
        }
        int size = ElementTypes.size(type);
        if (proto.hasRawData()) {
            ByteBuffer raw = proto.getRawData().asReadOnlyByteBuffer();
            if (raw.remaining() != elements * size) {
                throw new BadInputException(origin + ": raw_data holds " + raw.remaining() + " bytes, but "
                        + ElementTypes.name(type) + proto.getDimsList() + " needs " + elements * size);
            }
            return TensorValues.of(proto.getName(), type, shape, TensorValues.copy(raw, ByteOrder.LITTLE_ENDIAN, size));
        }
        ByteBuffer out = TensorValues.allocate(elements * size);
        switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> {
                requireCount(origin, "float_data", proto.getFloatDataCount(), elements, shape);
                proto.getFloatDataList().forEach(out::putFloat);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> {
                requireCount(origin, "double_data", proto.getDoubleDataCount(), elements, shape);
                proto.getDoubleDataList().forEach(out::putDouble);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> {
                requireCount(origin, "int64_data", proto.getInt64DataCount(), elements, shape);
                proto.getInt64DataList().forEach(out::putLong);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> {
                requireCount(origin, "uint64_data", proto.getUint64DataCount(), elements, shape);
                proto.getUint64DataList().forEach(v -> out.putInt(v.intValue()));
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> {
                requireCount(origin, "uint64_data", proto.getUint64DataCount(), elements, shape);
                proto.getUint64DataList().forEach(out::putLong);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> {
                requireCount(origin, "int32_data", proto.getInt32DataCount(), elements, shape);
                proto.getInt32DataList().forEach(out::putInt);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16, ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> {
                requireCount(origin, "int32_data", proto.getInt32DataCount(), elements, shape);
                proto.getInt32DataList().forEach(v -> out.putShort(v.shortValue()));
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> {
                requireCount(origin, "int32_data", proto.getInt32DataCount(), elements, shape);
                proto.getInt32DataList().forEach(v -> out.put(v.byteValue()));
            }
            default -> throw new BadInputException(origin + " is " + ElementTypes.name(type)
                    + " without raw_data, which is not read here; save it with raw_data");
        }
        return TensorValues.of(proto.getName(), type, shape, out.flip());
    }

    /** The number of elements, refusing a shape too large for any tensor (what a file of another kind parses to). */
    static long elements(long[] shape, String origin) {
        try {
            long elements = TensorValues.elements(shape);
            // Their bytes must fit in a long too, at the widest element.
            Math.multiplyExact(elements, 16L);
            return elements;
        } catch (ArithmeticException e) {
            throw new BadInputException(origin + " has a shape too large for any tensor: " + Arrays.toString(shape));
        }
    }

    private static void requireCount(String origin, String field, long count, long elements, long[] shape) {
        if (count != elements) {
            throw new BadInputException(origin + ": " + field + " holds " + count + " values, but its shape "
                    + Arrays.toString(shape) + " has " + elements);
        }
    }
}
