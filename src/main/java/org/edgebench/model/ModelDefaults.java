package org.edgebench.model;

import org.edgebench.BadInputException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Per-model defaults: {@code <name>.properties} next to {@code <name>.onnx}, e.g.
 * {@code models/all-minilm-l6-v2.properties} holding {@code dims=sequence_length=128}, so a text
 * model runs without the user knowing its symbolic dimensions. {@code scripts/fetch-models.sh}
 * writes them; a user can write one for their own model. A {@code -p dims=...} always wins.
 */
public final class ModelDefaults {

    /** The key of the default {@code dims} parameter. */
    public static final String DIMS = "dims";

    private ModelDefaults() {
    }

    /**
     * The default {@code dims} of a model file, or {@code ""} when it has no defaults file or the
     * file sets no dims.
     *
     * @throws BadInputException when the defaults file cannot be read or its dims do not parse (naming the file)
     */
    public static String defaultDims(Path modelFile) {
        Path file = defaultsFile(modelFile);
        if (!Files.isRegularFile(file)) {
            return "";
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("cannot read the model defaults " + file + ": " + e.getMessage(), e);
        }
        String dims = properties.getProperty(DIMS, "").strip();
        try {
            Dims.parse(dims);
        } catch (BadInputException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
        return dims;
    }

    /** {@code <name>.properties} in the model's folder, for {@code <name>.onnx}. */
    public static Path defaultsFile(Path modelFile) {
        String name = modelFile.getFileName().toString();
        String base = name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
        return modelFile.resolveSibling(base + ".properties");
    }
}
