package org.edgebench.model;

import org.edgebench.BadInputException;
import org.edgebench.model.generator.ModelGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Model names to files. A name is a file {@code <name>.onnx} in the models folder ({@code models/}
 * under the working directory, or the system property {@code edgebench.models}); anything that
 * ends in {@code .onnx} or holds a path separator is a path. The generated models are written on
 * first use when their file is missing, so a benchmark never needs a separate set-up step.
 */
public final class ModelCatalog {

    /** The model the suite measures when nothing else is asked for. */
    public static final String DEFAULT_MODEL = "student";

    private final Path dir;

    public ModelCatalog(Path dir) {
        this.dir = dir;
    }

    /** The catalog of {@code -Dedgebench.models} or {@code ./models}. */
    public static ModelCatalog standard() {
        return new ModelCatalog(Paths.get(System.getProperty("edgebench.models", "models")));
    }

    public Path dir() {
        return dir;
    }

    /** True when {@code model} is written as a path rather than a name. */
    public static boolean isPath(String model) {
        return model.endsWith(".onnx") || model.contains("/") || model.contains("\\");
    }

    /** The display name of a model argument: the name, or the file name without {@code .onnx}. */
    public static String displayName(String model) {
        if (!isPath(model)) {
            return model;
        }
        String file = Paths.get(model).getFileName().toString();
        return file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
    }

    /**
     * The file of a model, generating it when it is one of ours and missing.
     *
     * @throws BadInputException when there is no such model, naming the known ones
     */
    public Path resolve(String model) {
        if (model == null || model.isBlank()) {
            throw new BadInputException("empty model name; known models: " + String.join(", ", knownNames()));
        }
        if (isPath(model)) {
            Path file = Paths.get(model);
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("model file " + model + " not found; known models: "
                        + String.join(", ", knownNames()));
            }
            return file;
        }
        Path file = dir.resolve(model + ".onnx");
        if (!Files.isRegularFile(file) && ModelGenerator.generates(model)) {
            try {
                ModelGenerator.generate(model, file);
            } catch (IOException e) {
                throw new BadInputException("cannot write the generated model " + file + ": " + e.getMessage(), e);
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("unknown model '" + model + "' (no " + file + "); known models: "
                    + String.join(", ", knownNames()) + "; or give a path to an .onnx file");
        }
        return file;
    }

    /** The generated models and every {@code .onnx} file in the folder, sorted. */
    public List<String> knownNames() {
        TreeSet<String> names = new TreeSet<>(ModelGenerator.names());
        names.addAll(filesInFolder().stream().map(p -> displayName(p.toString())).toList());
        return List.copyOf(names);
    }

    /** The {@code .onnx} files present in the folder, sorted. */
    public List<Path> filesInFolder() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".onnx") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
