package org.edgebench.runtime;

import ai.onnxruntime.OrtEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openjdk.jmh.util.Version;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a run ran on: ONNX Runtime build and providers, machine, JVM, JMH. Written as env.json
 * (schema in docs/env-json.md) and printed by the {@code env} command. Facts a machine does not
 * expose are null, never guessed.
 */
public final class Environment {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Environment() {
    }

    /** The environment of this process, without run-specific fields. */
    public static ObjectNode capture() {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("edgebench").put("version", Optional.ofNullable(Environment.class.getPackage().getImplementationVersion())
                .orElse("dev"));

        ObjectNode ort = root.putObject("onnxRuntime");
        ort.put("version", Sessions.environment().getVersion());
        ort.put("nativePath", System.getProperty("onnxruntime.native.path"));
        ProviderCheck.forThisBuild().available().forEach(ort.putArray("availableProviders")::add);

        ObjectNode machine = root.putObject("machine");
        machine.put("os", System.getProperty("os.name"));
        machine.put("osVersion", System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("cpuModel", cpuModel().orElse(null));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        Long memory = memoryBytes();
        if (memory == null) {
            machine.putNull("memoryBytes");
        } else {
            machine.put("memoryBytes", memory);
        }
        machine.put("cpuGovernor", read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor").orElse(null));
        machine.put("deviceModel", read("/proc/device-tree/model")
                .or(() -> read("/sys/class/dmi/id/product_name")).orElse(null));
        machine.put("hostname", hostname());

        ObjectNode jvm = root.putObject("jvm");
        jvm.put("version", System.getProperty("java.version"));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("name", System.getProperty("java.vm.name"));
        jvm.put("home", System.getProperty("java.home"));
        jvm.put("maxHeapBytes", Runtime.getRuntime().maxMemory());

        root.putObject("jmh").put("version", Version.getPlainVersion());
        return root;
    }

    /** The environment as the {@code env} command prints it: one fact per line. */
    public static String describe(ObjectNode env) {
        ObjectNode ort = (ObjectNode) env.get("onnxRuntime");
        ObjectNode machine = (ObjectNode) env.get("machine");
        ObjectNode jvm = (ObjectNode) env.get("jvm");
        StringBuilder s = new StringBuilder();
        line(s, "EdgeBench", env.path("edgebench").path("version").asText());
        line(s, "ONNX Runtime", ort.path("version").asText()
                + (ort.path("nativePath").isNull() ? " (native libraries from the jar)"
                : " (native libraries from " + ort.path("nativePath").asText() + ")"));
        line(s, "Providers in this build", join(ort.path("availableProviders")));
        line(s, "OS", machine.path("os").asText() + " " + machine.path("osVersion").asText() + " (" + machine.path("arch").asText() + ")");
        line(s, "CPU", text(machine.get("cpuModel")) + ", " + machine.path("cores").asInt() + " cores");
        line(s, "Memory", machine.path("memoryBytes").isNull() ? "unknown"
                : String.format(java.util.Locale.ROOT, "%.1f GiB", machine.path("memoryBytes").asLong() / (1024.0 * 1024 * 1024)));
        line(s, "CPU governor", text(machine.get("cpuGovernor")));
        line(s, "Device model", text(machine.get("deviceModel")));
        line(s, "JVM", jvm.path("name").asText() + " " + jvm.path("version").asText() + " (" + jvm.path("vendor").asText() + ")");
        line(s, "JMH", env.path("jmh").path("version").asText());
        return s.toString();
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(String.format(java.util.Locale.ROOT, "%-24s %s%n", key + ":", value));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "unknown" : node.asText();
    }

    private static String join(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return String.join(", ", names);
    }

    /** x86 reports "model name"; ARM boards report "Hardware", "Model" or only CPU part numbers. */
    static Optional<String> cpuModel() {
        List<String> lines = lines("/proc/cpuinfo");
        for (String key : List.of("model name", "Hardware", "Model", "cpu model", "Processor")) {
            Optional<String> value = lines.stream()
                    .filter(l -> l.startsWith(key) && l.contains(":"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .filter(v -> !v.isEmpty())
                    .findFirst();
            if (value.isPresent()) {
                return value;
            }
        }
        String parts = lines.stream().filter(l -> l.startsWith("CPU part"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).distinct().collect(Collectors.joining("/"));
        return parts.isEmpty() ? Optional.empty() : Optional.of("ARM CPU part " + parts);
    }

    /** Memory the machine can still give a process (MemAvailable), or -1 when unknown. */
    public static long availableMemoryBytes() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemAvailable:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize();
        }
        return -1;
    }

    private static Long memoryBytes() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return null;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", null);
        }
    }

    /** A small system file's content, trimmed (device-tree strings end in NUL). */
    private static Optional<String> read(String file) {
        try {
            String value = Files.readString(Paths.get(file), StandardCharsets.UTF_8).replace("\0", "").strip();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
