package org.edgebench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's {@code env.json} (docs/env-json.md) as far as the report uses it: the providers
 * skipped, a one-line description of the machine for chart subtitles, and every field for the
 * HTML page. A run without env.json (any JMH JSON saved elsewhere) still reports, without it.
 */
public final class Environment {

    public static final String FILE = "env.json";

    /** A provider that was requested but not run, and why. */
    public record SkippedProvider(String provider, String reason) {
    }

    /** A configuration that was planned but gave no result, and why. */
    public record FailedConfiguration(Configuration configuration, String reason) {
    }

    /**
     * The launcher's {@code run} section: how many configurations were planned and finished,
     * whether the run reached its end or was interrupted, and which configurations failed.
     */
    public record RunOutcome(int configurations, int finished, boolean complete, boolean interrupted,
                             List<FailedConfiguration> failed) {
    }

    private final JsonNode root;

    private Environment(JsonNode root) {
        this.root = root;
    }

    /**
     * Reads {@code env.json} from {@code folder}; empty when there is none.
     *
     * @throws IOException when the file is there but unreadable or not JSON
     */
    public static Optional<Environment> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root = JsonMapper.builder().build().readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IOException(file + " is not a JSON object");
        }
        return Optional.of(new Environment(root));
    }

    public List<SkippedProvider> skippedProviders() {
        List<SkippedProvider> skipped = new ArrayList<>();
        for (JsonNode entry : root.path("providers").path("skipped")) {
            skipped.add(new SkippedProvider(entry.path("provider").asText("?"), entry.path("reason").asText("no reason given")));
        }
        return skipped;
    }

    /** The run's outcome; empty for env.json files written before the launcher recorded it. */
    public Optional<RunOutcome> run() {
        JsonNode run = root.path("run");
        if (!run.isObject()) {
            return Optional.empty();
        }
        List<FailedConfiguration> failed = new ArrayList<>();
        for (JsonNode entry : run.path("failed")) {
            Map<String, String> params = new LinkedHashMap<>();
            entry.path("params").properties().forEach(p -> params.put(p.getKey(), p.getValue().asText()));
            Configuration configuration = Configuration.planned(entry.path("benchmark").asText("?"), 1, params);
            failed.add(new FailedConfiguration(configuration, entry.path("reason").asText("no reason given")));
        }
        int finished = run.path("finished").asInt(0);
        return Optional.of(new RunOutcome(run.path("configurations").asInt(finished), finished,
                run.path("complete").asBoolean(false), run.path("interrupted").asBoolean(false), List.copyOf(failed)));
    }

    /** For example {@code Intel(R) Xeon(R) ..., 2 cores, Linux amd64, ONNX Runtime 1.29.0}; fields that are null are left out. */
    public String oneLine() {
        JsonNode machine = root.path("machine");
        List<String> parts = new ArrayList<>();
        text(machine.path("deviceModel")).ifPresent(parts::add);
        text(machine.path("cpuModel")).ifPresent(parts::add);
        if (machine.path("cores").isNumber()) {
            parts.add(machine.path("cores").asInt() + " cores");
        }
        String os = String.join(" ", text(machine.path("os")).orElse(""), text(machine.path("arch")).orElse("")).strip();
        if (!os.isEmpty()) {
            parts.add(os);
        }
        text(root.path("onnxRuntime").path("version")).ifPresent(v -> parts.add("ONNX Runtime " + v));
        return String.join(", ", parts);
    }

    /** Every non-null field, flattened to dotted names ({@code machine.cpuModel}) in the file's order. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", root, fields);
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

    private static Optional<String> text(JsonNode node) {
        return node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
