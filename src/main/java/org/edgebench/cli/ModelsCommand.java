package org.edgebench.cli;

import org.edgebench.text.Numbers;
import org.edgebench.launch.ExitCodes;
import org.edgebench.model.inputs.InputSource;
import org.edgebench.model.ModelCatalog;
import org.edgebench.model.generator.ModelGenerator;
import org.edgebench.runtime.ModelInspector;
import org.edgebench.runtime.ModelInspector.ModelDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code models}: every model in the models folder (the generated ones are written first if
 * missing), or the names and .onnx paths given, with file, size, SHA-256, inputs and outputs, and
 * the real inputs ONNX's test-data folders beside the file hold ({@code -p inputs=auto}). A file
 * ONNX Runtime rejects is listed with its error and the listing goes on.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the models found, with input/output names, types and shapes, and real inputs beside them.")
public final class ModelsCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "MODEL", description = "Model names or .onnx paths (default: all in models/).")
    private List<String> models = new ArrayList<>();

    @Override
    public Integer call() {
        ModelCatalog catalog = ModelCatalog.standard();
        Set<String> names = new LinkedHashSet<>(models);
        if (names.isEmpty()) {
            ModelGenerator.names().forEach(catalog::resolve);
            catalog.filesInFolder().forEach(f -> names.add(f.toString()));
        }
        System.out.println("Models in " + catalog.dir().toAbsolutePath().normalize() + ":");
        for (String name : names) {
            Path file = catalog.resolve(name);
            print(ModelInspector.describe(ModelCatalog.displayName(name), file));
        }
        return ExitCodes.OK;
    }

    private static void print(ModelDescription m) {
        System.out.println();
        System.out.println(m.name() + "  (" + m.file() + ", " + size(m.bytes()) + ")");
        if (m.sha256() != null) {
            System.out.println("  sha256   " + m.sha256());
        }
        if (m.error() != null) {
            System.out.println("  error    " + m.error());
            return;
        }
        m.inputs().forEach(t -> System.out.println("  input    " + t));
        m.outputs().forEach(t -> System.out.println("  output   " + t));
        realInputs(m.file()).ifPresent(line -> System.out.println("  data     " + line));
    }

    /**
     * {@code real inputs: 1 test data set (test_data_set_0), -p inputs=auto} when ONNX's test-data
     * folders sit beside the model file, else empty.
     */
    static Optional<String> realInputs(Path modelFile) {
        List<Path> sets = InputSource.testDataSets(modelFile);
        if (sets.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = sets.stream().map(p -> p.getFileName().toString()).toList();
        String use = names.contains(InputSource.TEST_DATA_SET) ? "-p inputs=" + InputSource.AUTO
                : "-p inputs=" + sets.get(0);
        return Optional.of("real inputs: " + sets.size() + " test data set" + (sets.size() == 1 ? "" : "s")
                + " (" + String.join(", ", names) + "), " + use);
    }

    private static String size(long bytes) {
        return bytes < 0 ? "unreadable" : Numbers.bytes(bytes);
    }
}
