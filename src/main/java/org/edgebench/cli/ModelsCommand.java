package org.edgebench.cli;

import org.edgebench.model.ModelCatalog;
import org.edgebench.model.ModelGenerator;
import org.edgebench.model.ModelInspector;
import org.edgebench.model.ModelInspector.ModelDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code models}: every model in the models folder (the generated ones are written first if
 * missing), with file, size, SHA-256, inputs and outputs. A file ONNX Runtime rejects is listed
 * with its error and the listing goes on.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the models found, with input/output names, types and shapes.")
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
        System.out.printf("%s  (%s, %s)%n", m.name(), m.file(), size(m.bytes()));
        if (m.sha256() != null) {
            System.out.println("  sha256   " + m.sha256());
        }
        if (m.error() != null) {
            System.out.println("  error    " + m.error());
            return;
        }
        m.inputs().forEach(t -> System.out.println("  input    " + t));
        m.outputs().forEach(t -> System.out.println("  output   " + t));
    }

    private static String size(long bytes) {
        return bytes < 0 ? "unreadable" : bytes >= 1 << 20 ? String.format("%.1f MB", bytes / 1048576.0)
                : String.format("%.1f KB", bytes / 1024.0);
    }
}
