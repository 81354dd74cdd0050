package org.edgebench.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import ai.onnxruntime.platform.Fp16Conversions;
import org.edgebench.BadInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds input tensors from a model's own input metadata: any rank, any numeric element type,
 * several inputs. The first dynamic dimension of each input takes the batch size; every other
 * symbolic dimension must be given by name in {@code dims}.
 *
 * <p>Values are seeded, so every fork and every run feeds the model the same bytes. Floats are
 * uniform in [0, 1) like a normalised image; integers are small non-negative ids in [0, 100),
 * except inputs named like an attention mask (all 1) or token type ids (all 0), so that text
 * models see a valid, fully attended sequence.
 */
public final class InputSynthesizer {

    /** The default seed of the benchmarks' inputs. */
    public static final long SEED = 20261123L;

    private static final int INT_ID_BOUND = 100;

    /** One input, fully resolved: its element type and concrete shape. */
    public record InputPlan(String name, OnnxTensorType elementType, long[] shape) {

        /** Number of elements. */
        public long elements() {
            return Arrays.stream(shape).reduce(1L, Math::multiplyExact);
        }

        /** Bytes of the tensor's data. */
        public long bytes() {
            return Math.multiplyExact(elements(), elementSize(elementType));
        }

        @Override
        public String toString() {
            return name + " " + typeName(elementType) + Arrays.toString(shape);
        }
    }

    private InputSynthesizer() {
    }

    /**
     * Resolves every input's shape.
     *
     * @throws BadInputException for a non-tensor input, an element type that cannot be synthesized,
     *     or symbolic dimensions that neither the batch nor {@code dims} resolves (named)
     */
    public static List<InputPlan> plan(String model, Map<String, NodeInfo> inputs, int batchSize, Map<String, Long> dims) {
        if (batchSize <= 0) {
            throw new BadInputException("batchSize must be a whole number > 0, was " + batchSize);
        }
        List<InputPlan> plans = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        boolean batchApplied = false;
        for (NodeInfo node : inputs.values()) {
            if (!(node.getInfo() instanceof TensorInfo info)) {
                throw new BadInputException(model + ": input '" + node.getName() + "' is a "
                        + node.getInfo().getClass().getSimpleName() + ", not a tensor; only tensor inputs can be synthesized");
            }
            if (elementSize(info.onnxType) == 0) {
                throw new BadInputException(model + ": input '" + node.getName() + "' has element type "
                        + typeName(info.onnxType) + ", which cannot be synthesized (numeric and bool tensors only)");
            }
            long[] shape = info.getShape().clone();
            String[] names = info.getDimensionNames();
            boolean batchDone = false;
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] >= 0) {
                    continue;
                }
                String dimName = names != null && d < names.length && !names[d].isEmpty() ? names[d] : null;
                if (dimName != null && dims.containsKey(dimName)) {
                    shape[d] = dims.get(dimName);
                } else if (!batchDone) {
                    shape[d] = batchSize;
                    batchDone = true;
                    batchApplied = true;
                } else {
                    unresolved.add(node.getName() + "[" + d + "]" + (dimName == null ? " (unnamed)" : " '" + dimName + "'"));
                }
            }
            plans.add(new InputPlan(node.getName(), info.onnxType, shape));
        }
        if (!unresolved.isEmpty()) {
            throw new BadInputException(model + ": unresolved symbolic dimensions " + String.join(", ", unresolved)
                    + "; give them with -p dims=name=value (e.g. -p dims=sequence_length=128)");
        }
        if (!batchApplied && batchSize != 1 && !plans.isEmpty()) {
            throw new BadInputException(model + ": no input has a dynamic dimension to take batchSize=" + batchSize
                    + " (shapes " + plans + "); run it with -p batchSize=1");
        }
        return List.copyOf(plans);
    }

    /** Creates the tensors of a plan, in input order, filled from {@code seed}. The caller closes them. */
    public static Map<String, OnnxTensor> create(OrtEnvironment env, List<InputPlan> plans, long seed) throws OrtException {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (int i = 0; i < plans.size(); i++) {
                InputPlan plan = plans.get(i);
                tensors.put(plan.name(), tensor(env, plan, new SplittableRandom(seed + 31L * i)));
            }
        } catch (OrtException | RuntimeException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw e;
        }
        return tensors;
    }

    private static OnnxTensor tensor(OrtEnvironment env, InputPlan plan, SplittableRandom random) throws OrtException {
        long count = plan.elements();
        if (count > Integer.MAX_VALUE / 8) {
            throw new BadInputException("input '" + plan.name() + "' " + Arrays.toString(plan.shape())
                    + " has too many elements for one tensor; use a smaller batchSize or dims");
        }
        int n = (int) count;
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.multiplyExact(n, elementSize(plan.elementType())))
                .order(ByteOrder.nativeOrder());
        String lower = plan.name().toLowerCase(Locale.ROOT);
        long fixedInt = lower.contains("mask") ? 1 : lower.contains("type") ? 0 : -1;
        for (int k = 0; k < n; k++) {
            switch (plan.elementType()) {
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> buffer.putFloat((float) random.nextDouble());
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> buffer.putDouble(random.nextDouble());
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> buffer.putShort(Fp16Conversions.floatToFp16((float) random.nextDouble()));
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> buffer.putShort(Fp16Conversions.floatToBf16((float) random.nextDouble()));
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> buffer.put((byte) (random.nextBoolean() ? 1 : 0));
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> buffer.put((byte) id(random, fixedInt));
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> buffer.putShort((short) id(random, fixedInt));
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> buffer.putInt((int) id(random, fixedInt));
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> buffer.putLong(id(random, fixedInt));
                default -> throw new IllegalStateException("plan() admitted " + plan.elementType());
            }
        }
        buffer.rewind();
        return OnnxTensor.createTensor(env, buffer, plan.shape(), OnnxJavaType.mapFromOnnxTensorType(plan.elementType()));
    }

    private static long id(SplittableRandom random, long fixed) {
        return fixed >= 0 ? fixed : random.nextInt(INT_ID_BOUND);
    }

    /** Bytes per element; 0 for types this class cannot synthesize (strings,
     * complex, float8, and the unsigned 16/32/64-bit types, which the Java API has no carrier for). */
    static int elementSize(OnnxTensorType type) {
        return switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> 4;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE, ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> 8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16, ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> 2;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8,
                    ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> 1;
            default -> 0;
        };
    }

    /** ONNX's short name of an element type: float32, int64, bool... */
    public static String typeName(OnnxTensorType type) {
        String raw = type.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "float" -> "float32";
            case "double" -> "float64";
            default -> raw;
        };
    }
}
