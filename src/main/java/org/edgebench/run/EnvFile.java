package org.edgebench.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one reader and writer of {@code env.json}. A run folder's is {@code env.json} beside
 * {@code jmh.json}; a baseline {@code NAME.json} keeps its own as {@code NAME.env.json}.
 */
public final class EnvFile {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Fields written by a newer launcher, or by hand, do not make a run unreadable.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EnvFile() {
    }

    /** Writes {@code env} as {@code env.json} in {@code folder}, in one step. */
    public static void write(Path folder, Environment env) throws IOException {
        AtomicFiles.writeAtomically(folder.resolve(RunFiles.ENV_JSON), out -> out.write(toJson(env).getBytes(StandardCharsets.UTF_8)));
    }

    public static String toJson(Environment env) throws IOException {
        return JSON.writeValueAsString(env);
    }

    /**
     * Reads {@code env.json} from {@code folder}; empty when there is none.
     *
     * @throws IOException when the file is there but unreadable or not an env.json
     */
    public static Optional<Environment> read(Path folder) throws IOException {
        return readFile(folder.resolve(RunFiles.ENV_JSON));
    }

    /**
     * The environment recorded beside {@code jmhFile}: {@code env.json} for a run folder's
     * {@code jmh.json}, {@code NAME.env.json} for any other {@code NAME.json}; empty when there is none.
     *
     * @throws IOException when the file is there but unreadable
     */
    public static Optional<Environment> besides(Path jmhFile) throws IOException {
        return readFile(RunFiles.beside(jmhFile, RunFiles.ENV_JSON));
    }

    private static Optional<Environment> readFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IOException(file + " is not a JSON object");
        }
        return Optional.of(JSON.treeToValue(root, Environment.class));
    }

    /** Every non-null fact, flattened to dotted names ({@code machine.cpuModel}) in the file's order, for the HTML page. */
    public static Map<String, String> fields(Environment env) {
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", JSON.valueToTree(env), fields);
        return fields;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into));
        } else if (node.isArray()) {
            boolean scalars = true;
            for (JsonNode item : node) {
                scalars &= item.isValueNode();
            }
            if (scalars) {
                List<String> items = new ArrayList<>();
                node.forEach(item -> items.add(item.asText()));
                into.put(prefix, String.join(", ", items));
            } else {
                for (int i = 0; i < node.size(); i++) {
                    flatten(prefix + "[" + i + "]", node.get(i), into);
                }
            }
        } else if (!node.isNull() && !node.isMissingNode()) {
            into.put(prefix, node.asText());
        }
    }
}
