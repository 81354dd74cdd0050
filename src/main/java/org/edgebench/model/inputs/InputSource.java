package org.edgebench.model.inputs;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import org.edgebench.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a benchmark's input values come from, chosen by the {@code inputs} JMH parameter: empty
 * synthesizes them from the model's metadata ({@link InputSynthesizer}); {@code auto} reads the
 * model's own {@code test_data_set_0} folder beside the model file; any other value is a folder
 * of ONNX {@code input_N.pb} TensorProtos or NumPy {@code <input name>.npy} files
 * ({@link InputFiles}). Every state that builds inputs goes through {@link #of}, so the choice is
 * made in one place. Files are read when the source is made, so a caller can make it outside a
 * measurement and build the tensors inside one without file I/O.
 */
public interface InputSource {

    /** The {@code inputs} value that reads the model's own test data. */
    String AUTO = "auto";
    /** The folder {@link #AUTO} reads, beside the model file. */
    String TEST_DATA_SET = "test_data_set_0";

    /**
     * The source an {@code inputs} parameter value names, with any files read.
     *
     * @throws BadInputException for a folder that does not exist, or {@code auto} for a model
     *     without {@code test_data_set_0}
     */
    static InputSource of(String inputs, Path modelFile) {
        if (inputs == null || inputs.isBlank()) {
            return InputSynthesizer.seeded();
        }
        String value = inputs.strip();
        if (value.equals(AUTO)) {
            Path dir = testDataSet(modelFile);
            if (!Files.isDirectory(dir)) {
                throw new BadInputException("-p inputs=auto: " + modelFile + " has no " + TEST_DATA_SET
                        + " folder beside it (" + dir + "); give a folder of input files with -p inputs=DIR");
            }
            return InputFiles.load(dir, "-p inputs=auto");
        }
        return InputFiles.load(Paths.get(value), "-p inputs=" + value);
    }

    /** {@code test_data_set_0} beside the model file. */
    static Path testDataSet(Path modelFile) {
        return modelFile.toAbsolutePath().resolveSibling(TEST_DATA_SET);
    }

    /** The {@code test_data_set_*} folders beside the model file, sorted by name. */
    static List<Path> testDataSets(Path modelFile) {
        Path dir = modelFile.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("test_data_set_") && Files.isDirectory(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every input's element type and shape for this batch, checked against the model, without
     * making the values.
     *
     * @throws BadInputException naming the input, for an input that cannot be made (non-tensor,
     *     a type the Java API lacks, unresolved dimensions) or a file that does not fit it
     */
    List<InputPlan> plan(String model, Map<String, NodeInfo> inputs, int batchSize, Map<String, Long> dims);

    /** The values of every input, in the model's input order, named after the inputs. */
    List<TensorValues> values(String model, Map<String, NodeInfo> inputs, int batchSize, Map<String, Long> dims);

    /** The tensors of {@link #values}, by input name in the model's order; the caller closes them. */
    default Map<String, OnnxTensor> tensors(OrtEnvironment env, String model, Map<String, NodeInfo> inputs, int batchSize,
                                            Map<String, Long> dims) throws OrtException {
        return TensorValues.tensors(env, values(model, inputs, batchSize, dims));
    }
}
