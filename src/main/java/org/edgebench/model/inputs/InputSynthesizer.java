package org.edgebench.model.inputs;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;
import org.edgebench.BadInputException;
import org.edgebench.model.Dims;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds input values from a model's own input metadata: any rank, several inputs, and every
 * element type ONNX Runtime's Java API can make a tensor of (float32, float64, float16, bfloat16,
 * int8, uint8, int16, int32, int64, bool, string; the others are refused by name, see
 * {@link ElementTypes}). The first dynamic dimension of each input takes the batch size; every
 * other symbolic dimension must be given by name in {@code dims}.
 *
 * <p>Values are seeded, so every fork and every run feeds the model the same bytes. Floats are
 * uniform in [0, 1) like a normalised image, bools are random, strings are short lowercase words.
 * Integers are 1: an integer input is often an index, an axis, a size or a count, and 1 is valid
 * for more of them than any range tried on ONNX's own test models (Debian's libonnx-testdata).
 * Of a sample of 103 that ONNX Runtime loads (every 10th file), all ones ran 96, values in [0, 3)
 * 95, in [0, 2) or [1, 3) 94, zeros 93 (a zero divides, and makes a zero Range step), and the
 * [0, 100) used before 82 ("indices element out of data bounds, idx=53"); of all 1,009, ones ran
 * 918, [0, 3) 905, zeros 903, [0, 2) 897 and [0, 100) 762.
 * Text models keep valid inputs by name: an input named like an attention mask is all 1, token
 * type ids all 0, and other ids ({@code input_ids}, {@code position_ids}) vary in [0, 100), inside
 * any real vocabulary. A model whose work depends on its values (indices, lengths, boxes) does
 * the work it was built for only on real inputs: {@code -p inputs=}.
 */
public final class InputSynthesizer {

    /** The default seed of the benchmarks' inputs. */
    public static final long SEED = 20261123L;

    private static final int ID_BOUND = 100;
    private static final InputSource SEEDED = new Seeded(SEED);

    private InputSynthesizer() {
    }

    /** Synthesized inputs from {@link #SEED}: the source of an empty {@code inputs} parameter. */
    static InputSource seeded() {
        return SEEDED;
    }

    /**
     * Resolves every input's shape.
     *
     * @throws BadInputException for a non-tensor input, an element type the Java API cannot make,
     *     or symbolic dimensions that neither the batch nor {@code dims} resolves (named)
     */
    public static List<InputPlan> plan(String model, Map<String, NodeInfo> inputs, int batchSize, Map<String, Long> dims) {
        requireBatchSize(batchSize);
        List<InputPlan> plans = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        boolean batchApplied = false;
        for (NodeInfo node : inputs.values()) {
            TensorInfo info = tensorInfo(model, node);
            long[] shape = info.getShape().clone();
            String[] names = info.getDimensionNames();
            boolean batchDone = false;
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] >= 0) {
                    continue;
                }
                String dimName = dimensionName(names, d);
                Long given = Dims.valueFor(dims, node.getName(), d, names);
                if (given != null) {
                    shape[d] = given;
                } else if (!batchDone) {
                    shape[d] = batchSize;
                    batchDone = true;
                    batchApplied = true;
                } else {
                    unresolved.add(Dims.position(node.getName(), d) + (dimName == null ? " (unnamed)" : " '" + dimName + "'"));
                    examples.add((dimName == null ? Dims.position(node.getName(), d) : dimName) + "=VALUE");
                }
            }
            plans.add(new InputPlan(node.getName(), info.onnxType, shape));
        }
        if (!unresolved.isEmpty()) {
            throw new BadInputException(model + ": unresolved symbolic dimensions " + String.join(", ", unresolved)
                    + "; give each by name or by position, e.g. -p dims=" + examples.get(0)
                    + " (several joined with ';')");
        }
        if (!batchApplied && batchSize != 1 && !plans.isEmpty()) {
            throw new BadInputException(model + ": no input has a dynamic dimension to take batchSize=" + batchSize
                    + " (shapes " + plans + "); run it with -p batchSize=1");
        }
        return List.copyOf(plans);
    }

    /** The values of a plan, in input order, filled from {@code seed}. */
    public static List<TensorValues> values(List<InputPlan> plans, long seed) {
        List<TensorValues> values = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            values.add(values(plans.get(i), new SplittableRandom(seed + 31L * i)));
        }
        return List.copyOf(values);
    }

    /** Creates the tensors of a plan, in input order, filled from {@code seed}. The caller closes them. */
    public static Map<String, OnnxTensor> create(OrtEnvironment env, List<InputPlan> plans, long seed) throws OrtException {
        return TensorValues.tensors(env, values(plans, seed));
    }

    /**
     * The tensor description of a model input.
     *
     * @throws BadInputException for an input ONNX Runtime's Java API cannot make: a sequence, a map,
     *     or a tensor of a type it has no Java type for
     */
    static TensorInfo tensorInfo(String model, NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo info)) {
            String kind = node.getInfo() instanceof SequenceInfo ? "a sequence" : node.getInfo() instanceof MapInfo ? "a map"
                    : "a " + node.getInfo().getClass().getSimpleName();
            throw new BadInputException(model + ": input '" + node.getName() + "' is " + kind
                    + ", which ONNX Runtime's Java API cannot create (it makes tensors only)");
        }
        if (!ElementTypes.creatable(info.onnxType)) {
            throw new BadInputException(model + ": input '" + node.getName() + "' is " + ElementTypes.name(info.onnxType)
                    + ", " + ElementTypes.whyNotCreatable(info.onnxType));
        }
        return info;
    }

    static void requireBatchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new BadInputException("batchSize must be a whole number > 0, was " + batchSize);
        }
    }

    /** The name of dimension {@code d}, or null when it has none. */
    static String dimensionName(String[] names, int d) {
        return names != null && d < names.length && !names[d].isEmpty() ? names[d] : null;
    }

    private static TensorValues values(InputPlan plan, SplittableRandom random) {
        long count = plan.elements();
        if (count > Integer.MAX_VALUE / 8) {
            throw new BadInputException("input '" + plan.name() + "' " + Arrays.toString(plan.shape())
                    + " has too many elements for one tensor; use a smaller batchSize or dims");
        }
        int n = (int) count;
        if (plan.elementType() == TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING) {
            String[] words = new String[n];
            for (int k = 0; k < n; k++) {
                words[k] = word(random);
            }
            return TensorValues.ofStrings(plan.name(), plan.shape(), words);
        }
        ByteBuffer buffer = TensorValues.allocate((long) n * ElementTypes.size(plan.elementType()));
        IntegerRule integers = IntegerRule.forInput(plan.name());
        for (int k = 0; k < n; k++) {
            switch (plan.elementType()) {
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> buffer.putFloat((float) random.nextDouble());
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> buffer.putDouble(random.nextDouble());
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> buffer.putShort(Fp16Conversions.floatToFp16((float) random.nextDouble()));
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> buffer.putShort(Fp16Conversions.floatToBf16((float) random.nextDouble()));
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> buffer.put((byte) (random.nextBoolean() ? 1 : 0));
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> buffer.put((byte) integers.next(random));
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> buffer.putShort((short) integers.next(random));
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> buffer.putInt(integers.next(random));
                case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> buffer.putLong(integers.next(random));
                default -> throw new IllegalStateException("plan() admitted " + plan.elementType());
            }
        }
        return TensorValues.of(plan.name(), plan.elementType(), plan.shape(), buffer.flip());
    }

    /** A lowercase word of 3 to 8 letters. */
    private static String word(SplittableRandom random) {
        char[] letters = new char[3 + random.nextInt(6)];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(letters);
    }

    /** The integer values of one input, chosen by its name (see the class comment). */
    private enum IntegerRule {
        MASK, TYPE_IDS, IDS, ONES;

        static IntegerRule forInput(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains("mask")) {
                return MASK;
            }
            if (lower.contains("type")) {
                return TYPE_IDS;
            }
            return Arrays.asList(lower.split("[^a-z0-9]+")).contains("ids") ? IDS : ONES;
        }

        int next(SplittableRandom random) {
            return switch (this) {
                case MASK, ONES -> 1;
                case TYPE_IDS -> 0;
                case IDS -> random.nextInt(ID_BOUND);
            };
        }
    }

    /** Synthesized values from one seed. */
    private record Seeded(long seed) implements InputSource {

        @Override
        public List<InputPlan> plan(String model, Map<String, NodeInfo> inputs, int batchSize, Map<String, Long> dims) {
            return InputSynthesizer.plan(model, inputs, batchSize, dims);
        }

        @Override
        public List<TensorValues> values(String model, Map<String, NodeInfo> inputs, int batchSize, Map<String, Long> dims) {
            return InputSynthesizer.values(plan(model, inputs, batchSize, dims), seed);
        }
    }
}
