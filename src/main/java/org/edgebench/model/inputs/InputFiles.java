package org.edgebench.model.inputs;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import org.edgebench.BadInputException;
import org.edgebench.model.Dims;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Input values read from a folder: ONNX's test-data layout ({@code input_0.pb}, {@code input_1.pb},
 * ... serialized TensorProtos, each matched to the model input of its name when the TensorProto
 * names one, else to the input at its index) or NumPy files named after the inputs
 * ({@code <input name>.npy}). All files are read when the folder is loaded.
 *
 * <p>Shapes: a file's element type must be the input's (a bfloat16 input also takes uint16 files,
 * the same bits, which is how ONNX's test data and NumPy store bfloat16); fixed dimensions must
 * match; symbolic dimensions take the file's size unless {@code dims} names them, when they must
 * match it. The
 * first dimension is the batch when the model leaves it dynamic: a file with fewer records is
 * repeated whole along it, in order, up to {@code batchSize} records (the first ones of the
 * repetition when {@code batchSize} is not a multiple); a file with more gives its first
 * {@code batchSize} records. When the model fixes the first dimension, the file must have that many.
 */
public final class InputFiles implements InputSource {

    private static final Pattern PB = Pattern.compile("input_(\\d+)\\.pb");
    private static final String NPY = ".npy";

    private final Path dir;
    private final String origin;
    /** {@code input_N.pb} by N, or empty for .npy files. */
    private final Map<Integer, Loaded> byIndex;
    /** {@code <name>.npy} by name, or empty for .pb files. */
    private final Map<String, Loaded> byName;

    /** A file and what reading it gave: its values, or the one-line reason it could not be read. */
    private record Loaded(Path file, TensorValues values, BadInputException error) {

        TensorValues require() {
            if (error != null) {
                throw error;
            }
            return values;
        }
    }

    private InputFiles(Path dir, String origin, Map<Integer, Loaded> byIndex, Map<String, Loaded> byName) {
        this.dir = dir;
        this.origin = origin;
        this.byIndex = byIndex;
        this.byName = byName;
    }

    /**
     * Reads every input file of {@code dir}. A file that does not read is kept with its error,
     * which is thrown only if a model input needs it: ONNX's test data also holds
     * SequenceProtos for sequence inputs, which are refused by their input's type first.
     *
     * @param origin how the user named the folder, for errors ({@code -p inputs=auto})
     * @throws BadInputException when the folder does not exist, or holds both kinds of files (a model
     *     without inputs needs none, so an empty folder is refused only when inputs need files)
     */
    public static InputFiles load(Path dir, String origin) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(origin + ": no folder " + dir.toAbsolutePath().normalize()
                    + "; give a folder of input_N.pb TensorProtos or <input name>.npy files");
        }
        Map<Integer, Loaded> byIndex = new TreeMap<>();
        Map<String, Loaded> byName = new TreeMap<>();
        for (Path file : list(dir)) {
            String name = file.getFileName().toString();
            Matcher pb = PB.matcher(name);
            if (pb.matches()) {
                byIndex.put(Integer.parseInt(pb.group(1)), read(file, () -> TensorProtoReader.read(file)));
            } else if (name.endsWith(NPY) && name.length() > NPY.length()) {
                String input = name.substring(0, name.length() - NPY.length());
                byName.put(input, read(file, () -> NpyReader.read(file, input)));
            }
        }
        if (!byIndex.isEmpty() && !byName.isEmpty()) {
            throw new BadInputException(origin + ": " + dir + " holds both input_N.pb and .npy files; keep one kind");
        }
        return new InputFiles(dir, origin, Collections.unmodifiableMap(byIndex), Collections.unmodifiableMap(byName));
    }

    private static Loaded read(Path file, Supplier<TensorValues> reader) {
        try {
            return new Loaded(file, reader.get(), null);
        } catch (BadInputException e) {
            return new Loaded(file, null, e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<InputPlan> plan(String model, Map<String, NodeInfo> inputs, int batchSize, Map<String, Long> dims) {
        return match(model, inputs, batchSize, dims).stream()
                .map(m -> new InputPlan(m.input(), m.values().type(), m.shape())).toList();
    }

    @Override
    public List<TensorValues> values(String model, Map<String, NodeInfo> inputs, int batchSize, Map<String, Long> dims) {
        return match(model, inputs, batchSize, dims).stream().map(m -> {
            long[] read = m.values().shape();
            TensorValues sized = m.batch() && read[0] != m.shape()[0] ? m.values().withRecords(m.shape()[0]) : m.values();
            return sized.named(m.input());
        }).toList();
    }

    /** One model input, the file's values for it, the shape they take, and whether its first dimension is the batch. */
    private record Match(String input, TensorValues values, long[] shape, boolean batch) {
    }

    private List<Match> match(String model, Map<String, NodeInfo> inputs, int batchSize, Map<String, Long> dims) {
        InputSynthesizer.requireBatchSize(batchSize);
        Map<String, Loaded> files = filesByInput(model, inputs);
        List<Match> matches = new ArrayList<>();
        for (NodeInfo node : inputs.values()) {
            TensorInfo info = InputSynthesizer.tensorInfo(model, node);
            Loaded file = files.get(node.getName());
            TensorValues values = asDeclared(file.require(), info);
            long[] shape = shape(model, node.getName(), info, values, file.file(), batchSize, dims);
            boolean batch = values.shape().length == info.getShape().length && isBatch(node.getName(), info, dims);
            matches.add(new Match(node.getName(), values, shape, batch));
        }
        if (matches.stream().noneMatch(Match::batch) && batchSize != 1 && !matches.isEmpty()) {
            throw new BadInputException(model + ": no input has a dynamic first dimension to take batchSize=" + batchSize
                    + " from the files in " + dir + "; run it with -p batchSize=1");
        }
        return matches;
    }

    /**
     * The values as the input's type where the bits are the same: a uint16 file for a bfloat16
     * input, as ONNX's own test data and NumPy (which has no bfloat16) store bfloat16.
     */
    private static TensorValues asDeclared(TensorValues values, TensorInfo info) {
        boolean bfloat16Bits = info.onnxType == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16
                && values.type() == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16;
        return bfloat16Bits ? values.as(info.onnxType) : values;
    }

    /** True when the input's first dimension is dynamic and {@code dims} does not set it: the batch. */
    private static boolean isBatch(String input, TensorInfo info, Map<String, Long> dims) {
        long[] declared = info.getShape();
        if (declared.length == 0 || declared[0] >= 0) {
            return false;
        }
        return Dims.valueFor(dims, input, 0, info.getDimensionNames()) == null;
    }

    /** Each model input's file; every input has one and every file is for an input. */
    private Map<String, Loaded> filesByInput(String model, Map<String, NodeInfo> inputs) {
        List<String> names = List.copyOf(inputs.keySet());
        Map<String, Loaded> matched = new LinkedHashMap<>();
        if (byIndex.isEmpty() && byName.isEmpty() && !names.isEmpty()) {
            throw new BadInputException(origin + ": " + dir + " holds no input_N.pb or <input name>.npy files for the "
                    + names.size() + " input(s) of " + model + " (" + String.join(", ", names) + ")");
        }
        if (!byName.isEmpty()) {
            for (String name : names) {
                Loaded file = byName.get(name);
                if (file == null) {
                    throw new BadInputException(origin + ": " + dir + " has no " + name + NPY + " for input '" + name
                            + "' of " + model + " (inputs: " + String.join(", ", names) + ")");
                }
                matched.put(name, file);
            }
            byName.keySet().stream().filter(n -> !inputs.containsKey(n)).findFirst().ifPresent(extra -> {
                throw new BadInputException(origin + ": " + dir.resolve(extra + NPY) + " is for no input of " + model
                        + " (inputs: " + String.join(", ", names) + ")");
            });
            return matched;
        }
        Map<String, Integer> claimed = new LinkedHashMap<>();
        byIndex.forEach((index, file) -> {
            if (file.values() != null && inputs.containsKey(file.values().name()) && !file.values().name().isEmpty()) {
                claimed.putIfAbsent(file.values().name(), index);
            }
        });
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Integer index = claimed.containsKey(name) ? claimed.get(name)
                    : byIndex.containsKey(i) && !claimed.containsValue(i) ? Integer.valueOf(i) : null;
            if (index == null) {
                throw new BadInputException(origin + ": " + dir + " has no input_" + i + ".pb (nor a TensorProto named '"
                        + name + "') for input " + i + " '" + name + "' of " + model
                        + " (inputs: " + String.join(", ", names) + ")");
            }
            used.add(index);
            matched.put(name, byIndex.get(index));
        }
        byIndex.keySet().stream().filter(i -> !used.contains(i)).findFirst().ifPresent(extra -> {
            throw new BadInputException(origin + ": " + dir.resolve("input_" + extra + ".pb") + " is for no input of "
                    + model + ", which has " + names.size() + " (" + String.join(", ", names) + ")");
        });
        return matched;
    }

    /** The shape {@code values} take for the input, or a one-line refusal naming both shapes and types. */
    private static long[] shape(String model, String input, TensorInfo info, TensorValues values, Path file,
                                int batchSize, Map<String, Long> dims) {
        long[] declared = info.getShape();
        long[] found = values.shape();
        String[] names = info.getDimensionNames();
        String expected = ElementTypes.name(info.onnxType) + ElementTypes.shape(declared, names);
        String mismatch = model + ": input '" + input + "' expects " + expected + " (batchSize=" + batchSize + "), but "
                + file + " holds " + values.description();
        if (values.type() != info.onnxType) {
            throw new BadInputException(mismatch);
        }
        if (declared.length == 0 && found.length > 0) {
            // ONNX Runtime reports no dimensions both for a scalar and for an input without a declared shape; the file decides.
            return found;
        }
        if (declared.length != found.length) {
            throw new BadInputException(mismatch);
        }
        long[] shape = found.clone();
        for (int d = 0; d < declared.length; d++) {
            String name = InputSynthesizer.dimensionName(names, d);
            Long given = Dims.valueFor(dims, input, d, names);
            if (declared[d] >= 0) {
                if (declared[d] != found[d]) {
                    throw new BadInputException(mismatch);
                }
            } else if (given != null) {
                if (given != found[d]) {
                    String key = dims.containsKey(Dims.position(input, d)) ? Dims.position(input, d) : name;
                    throw new BadInputException(mismatch + ", and -p dims sets " + key + "=" + given);
                }
            } else if (d == 0) {
                if (found[0] == 0) {
                    throw new BadInputException(mismatch + ": no records to repeat up to batchSize=" + batchSize);
                }
                shape[0] = batchSize;
            }
        }
        return shape;
    }

    @Override
    public String toString() {
        return origin + " (" + dir + ")";
    }
}
