package org.edgebench.launch;

import org.edgebench.BadInputException;
import org.edgebench.model.inputs.InputSource;
import org.edgebench.model.ModelCatalog;
import org.edgebench.run.Configuration;
import org.edgebench.runtime.OperatorFailure;

import java.nio.file.Files;
import java.util.Optional;

/**
 * The line the launcher prints, after JMH's own output, for a configuration whose fork failed in an
 * operator at run time: which operator and why, and, when the inputs were synthesized, that real
 * inputs may suit the model better ({@code -p inputs=}). Other failures (a provider, memory, a model
 * that does not load) get no such line: other inputs would not cure them.
 */
final class InputsHint {

    private InputsHint() {
    }

    /** The operator failure in a failed configuration's output, if that is how it failed. */
    static Optional<OperatorFailure> find(String... texts) {
        for (String text : texts) {
            Optional<OperatorFailure> failure = OperatorFailure.find(text);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    /** What env.json and the end-of-run line record as the configuration's failure. */
    static String reason(OperatorFailure failure) {
        return "failed in " + failure.describe();
    }

    /**
     * {@code EdgeBench: OrtSessionRunBenchmark.run m CPU b1 t0 failed in a Gather node ('/Gather'):
     * indices element out of data bounds; ...}: with synthesized inputs, the advice to give real
     * ones, naming {@code -p inputs=auto} when the model has {@code test_data_set_0} beside it.
     */
    static String line(Configuration configuration, OperatorFailure failure, ModelCatalog catalog) {
        String line = "EdgeBench: " + configuration.label(true) + " " + reason(failure);
        if (!configuration.params().getOrDefault(Configuration.INPUTS, "").isEmpty()) {
            return line;
        }
        return line + "; its synthesized input values may not suit the model: try "
                + (hasTestData(configuration.model(), catalog) ? "-p inputs=auto (it has " + InputSource.TEST_DATA_SET
                + ") or -p inputs=DIR" : "-p inputs=DIR (a folder of input_N.pb TensorProtos or <input name>.npy files;"
                + " -p inputs=auto for a model with " + InputSource.TEST_DATA_SET + " beside it)");
    }

    private static boolean hasTestData(String model, ModelCatalog catalog) {
        try {
            return Files.isDirectory(InputSource.testDataSet(catalog.resolve(model)));
        } catch (BadInputException e) {
            return false;
        }
    }
}
