package org.edgebench.model.inputs;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import org.edgebench.BadInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tensor's values before ONNX Runtime holds them: element type, shape and data, synthesized or
 * read from a file. Numbers live in a direct buffer in the machine's byte order, which ONNX Runtime
 * wraps without copying; strings in an array. Immutable once made: every tensor made from it sees
 * the same values.
 */
public final class TensorValues {

    private final String name;
    private final OnnxTensorType type;
    private final long[] shape;
    private final ByteBuffer data;
    private final String[] strings;

    private TensorValues(String name, OnnxTensorType type, long[] shape, ByteBuffer data, String[] strings) {
        this.name = name == null ? "" : name;
        this.type = type;
        this.shape = shape.clone();
        this.data = data;
        this.strings = strings;
    }

    /**
     * Fixed-width values.
     *
     * @param data exactly the elements' bytes, in the machine's byte order (position 0, limit = size)
     */
    static TensorValues of(String name, OnnxTensorType type, long[] shape, ByteBuffer data) {
        long expected = Math.multiplyExact(elements(shape), ElementTypes.size(type));
        if (ElementTypes.size(type) == 0 || data.remaining() != expected) {
            throw new IllegalArgumentException(ElementTypes.name(type) + Arrays.toString(shape) + " needs " + expected
                    + " bytes, got " + data.remaining());
        }
        return new TensorValues(name, type, shape, data, null);
    }

    /** String values, one per element in C order. */
    static TensorValues ofStrings(String name, long[] shape, String[] strings) {
        if (strings.length != elements(shape)) {
            throw new IllegalArgumentException("string" + Arrays.toString(shape) + " needs " + elements(shape)
                    + " strings, got " + strings.length);
        }
        return new TensorValues(name, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING, shape, null, strings.clone());
    }

    /** A direct buffer of {@code bytes} bytes in the machine's byte order, to fill and hand to {@link #of}. */
    static ByteBuffer allocate(long bytes) {
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new BadInputException("a tensor of " + bytes + " bytes is more than one Java buffer holds;"
                    + " use a smaller batchSize or dims");
        }
        return ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    }

    /**
     * The remaining bytes of {@code from}, elements of {@code elementSize} bytes stored in
     * {@code order}, copied into a buffer from {@link #allocate} (each element's bytes reversed when
     * {@code order} is not the machine's).
     */
    static ByteBuffer copy(ByteBuffer from, ByteOrder order, int elementSize) {
        ByteBuffer out = allocate(from.remaining());
        if (order == ByteOrder.nativeOrder() || elementSize == 1) {
            out.put(from.duplicate());
        } else {
            byte[] element = new byte[elementSize];
            ByteBuffer in = from.duplicate();
            while (in.remaining() >= elementSize) {
                in.get(element);
                for (int i = elementSize - 1; i >= 0; i--) {
                    out.put(element[i]);
                }
            }
        }
        return out.flip();
    }

    /** The name the file gave the tensor (a TensorProto's {@code name}), or empty. */
    public String name() {
        return name;
    }

    public OnnxTensorType type() {
        return type;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long elements() {
        return elements(shape);
    }

    /** The data's bytes; strings count their UTF-8 bytes. */
    public long bytes() {
        if (strings == null) {
            return data.capacity();
        }
        return Arrays.stream(strings).mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
    }

    /** A read-only view of the fixed-width data, in the machine's byte order. */
    public ByteBuffer data() {
        if (data == null) {
            throw new IllegalStateException(description() + " holds strings, not a buffer");
        }
        return data.asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /** The strings of a string tensor, in C order. */
    public String[] strings() {
        if (strings == null) {
            throw new IllegalStateException(description() + " holds numbers, not strings");
        }
        return strings.clone();
    }

    /** {@code float32[1, 3, 224, 224]}. */
    public String description() {
        return ElementTypes.name(type) + Arrays.toString(shape);
    }

    /** The same bytes read as another type of the same width. */
    TensorValues as(OnnxTensorType other) {
        if (strings != null || ElementTypes.size(other) != ElementTypes.size(type)) {
            throw new IllegalArgumentException(description() + " cannot be read as " + ElementTypes.name(other));
        }
        return new TensorValues(name, other, shape, data, null);
    }

    /** The same values under the model input's name. */
    TensorValues named(String inputName) {
        return new TensorValues(inputName, type, shape, data, strings);
    }

    /**
     * {@code records} records along the first dimension: the first ones when there are more, the
     * existing ones repeated in order (whole records, cut after {@code records}) when there are fewer.
     */
    TensorValues withRecords(long records) {
        if (shape.length == 0 || shape[0] == 0) {
            throw new IllegalStateException(description() + " has no records to repeat");
        }
        if (records == shape[0]) {
            return this;
        }
        long[] resized = shape.clone();
        resized[0] = records;
        long perRecord = elements(shape) / shape[0];
        if (strings != null) {
            String[] out = new String[Math.toIntExact(Math.multiplyExact(records, perRecord))];
            for (int i = 0; i < out.length; i++) {
                out[i] = strings[(int) (i % strings.length)];
            }
            return new TensorValues(name, type, resized, null, out);
        }
        int recordBytes = Math.toIntExact(perRecord * ElementTypes.size(type));
        ByteBuffer out = allocate(Math.multiplyExact(records, (long) recordBytes));
        for (long r = 0; r < records; r++) {
            ByteBuffer record = data.duplicate();
            int from = (int) ((r % shape[0]) * recordBytes);
            record.position(from).limit(from + recordBytes);
            out.put(record);
        }
        out.flip();
        return new TensorValues(name, type, resized, out, null);
    }

    /**
     * An ONNX Runtime tensor of these values; the caller closes it.
     *
     * @throws BadInputException for an element type ONNX Runtime's Java API cannot make a tensor of
     */
    public OnnxTensor tensor(OrtEnvironment env) throws OrtException {
        OnnxJavaType javaType = ElementTypes.javaType(type).orElseThrow(() -> new BadInputException(
                "input '" + name + "' is " + ElementTypes.name(type) + ", " + ElementTypes.whyNotCreatable(type)));
        if (strings != null) {
            return OnnxTensor.createTensor(env, strings, shape);
        }
        return OnnxTensor.createTensor(env, data.duplicate().order(ByteOrder.nativeOrder()), shape, javaType);
    }

    /** The tensors of {@code values} by name, in order; on a failure the ones already made are closed. */
    public static Map<String, OnnxTensor> tensors(OrtEnvironment env, List<TensorValues> values) throws OrtException {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (TensorValues v : values) {
                tensors.put(v.name(), v.tensor(env));
            }
        } catch (OrtException | RuntimeException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw e;
        }
        return tensors;
    }

    static long elements(long[] shape) {
        return Arrays.stream(shape).reduce(1L, Math::multiplyExact);
    }
}
