package org.edgebench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The facts of a run's env.json that decide whether two runs can be compared as code changes:
 * the machine and the ONNX Runtime build. Every field is null when the run has no env.json (a
 * plain JMH JSON file) or the machine did not expose it.
 */
public record RunEnvironment(String arch, String cpuModel, Integer cores, String hostname, String os,
                             String onnxRuntimeVersion, List<String> providers) {

    public static final RunEnvironment UNKNOWN = new RunEnvironment(null, null, null, null, null, null, List.of());

    /**
     * Reads the environment recorded beside {@code jmhFile}: {@code env.json} for a run folder's
     * {@code jmh.json}, {@code NAME.env.json} for any other {@code NAME.json} (how baselines keep
     * theirs); {@link #UNKNOWN} when there is none or it cannot be read.
     */
    public static RunEnvironment besides(Path jmhFile) {
        Path dir = jmhFile.toAbsolutePath().getParent();
        String name = jmhFile.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        Path own = dir.resolve(stem + ".env.json");
        Path runFolderEnv = dir.resolve("env.json");
        Path env = Files.isRegularFile(own) ? own
                : name.equals("jmh.json") && Files.isRegularFile(runFolderEnv) ? runFolderEnv : null;
        if (env == null) {
            return UNKNOWN;
        }
        try {
            return of(JsonMapper.builder().build().readTree(env.toFile()));
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    static RunEnvironment of(JsonNode root) {
        JsonNode machine = root.path("machine");
        JsonNode ort = root.path("onnxRuntime");
        JsonNode run = root.path("providers").path("run");
        JsonNode providers = run.isArray() && !run.isEmpty() ? run : ort.path("availableProviders");
        List<String> names = new ArrayList<>();
        providers.forEach(p -> names.add(p.asText()));
        return new RunEnvironment(text(machine, "arch"), text(machine, "cpuModel"),
                machine.path("cores").isNumber() ? machine.path("cores").asInt() : null,
                text(machine, "hostname"), text(machine, "os"), text(ort, "version"), List.copyOf(names));
    }

    public boolean isKnown() {
        return !equals(UNKNOWN);
    }

    /**
     * What differs between the machines of two runs (arch, CPU model, hostname), empty when they
     * look like the same machine or either is unknown.
     */
    public List<String> machineDifferences(RunEnvironment other) {
        List<String> differences = new ArrayList<>();
        if (!isKnown() || !other.isKnown()) {
            return differences;
        }
        differ(differences, "arch", arch, other.arch);
        differ(differences, "CPU", cpuModel, other.cpuModel);
        differ(differences, "host", hostname, other.hostname);
        return differences;
    }

    /** ONNX Runtime version or providers differing: a build comparison, not only a code change. */
    public List<String> buildDifferences(RunEnvironment other) {
        List<String> differences = new ArrayList<>();
        if (!isKnown() || !other.isKnown()) {
            return differences;
        }
        differ(differences, "ONNX Runtime", onnxRuntimeVersion, other.onnxRuntimeVersion);
        differ(differences, "providers", String.join("+", providers), String.join("+", other.providers));
        return differences;
    }

    /** One line for a table header: {@code amd64, Intel Xeon ... (2 cores), ONNX Runtime 1.29.0 [CPU]}. */
    public String describe() {
        if (!isKnown()) {
            return "environment unknown (no env.json)";
        }
        String cpu = cpuModel == null ? "CPU unknown" : cpuModel + (cores == null ? "" : " (" + cores + " cores)");
        return String.join(", ", orUnknown(arch, "arch unknown"), cpu,
                "ONNX Runtime " + orUnknown(onnxRuntimeVersion, "?") + " [" + String.join(", ", providers) + "]",
                "host " + orUnknown(hostname, "?"));
    }

    private static void differ(List<String> into, String what, String a, String b) {
        if (a != null && b != null && !Objects.equals(a, b)) {
            into.add(what + " " + a + " vs " + b);
        }
    }

    private static String orUnknown(String value, String unknown) {
        return value == null ? unknown : value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
