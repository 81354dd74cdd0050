package org.edgebench.runtime;

import org.edgebench.run.Environment;
import org.openjdk.jmh.util.Version;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Captures the {@link Environment} of this process: the ONNX Runtime build that loaded and its
 * providers, the machine, the JVM, JMH. Facts a machine does not expose are null, never guessed.
 */
public final class ThisMachine {

    private ThisMachine() {
    }

    /** This process's environment, without the run's own fields. */
    public static Environment capture() {
        Runtime runtime = Runtime.getRuntime();
        String nativeVersion = NativeBuild.load();
        String javaApi = NativeBuild.javaApiVersion().orElse(null);
        Environment.OnnxRuntimeBuild ort = new Environment.OnnxRuntimeBuild(nativeVersion, javaApi,
                NativeBuild.folder().map(Path::toString).orElse(null), ProviderCheck.forThisBuild().available(),
                NativeBuild.description().orElse(null));
        String arch = System.getProperty("os.arch");
        String cpu = cpuModel().orElse(null);
        Environment.Machine machine = new Environment.Machine(System.getProperty("os.name"),
                System.getProperty("os.version"), arch, cpu, runtime.availableProcessors(), memoryBytes(),
                read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor").orElse(null),
                read("/proc/device-tree/model").or(() -> read("/sys/class/dmi/id/product_name")).orElse(null), hostname(),
                Environment.Machine.looksEmulated(arch, cpu));
        List<String> warnings = new ArrayList<>();
        NativeBuild.versionWarning(javaApi, nativeVersion).ifPresent(warnings::add);
        if (machine.emulated()) {
            warnings.add("emulated: the JVM is " + arch + " but the processor is " + cpu
                    + "; timings are an emulator's, not a board's");
        }
        Environment.Jvm jvm = new Environment.Jvm(System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.vm.name"), System.getProperty("java.home"), runtime.maxMemory());
        String version = Optional.ofNullable(ThisMachine.class.getPackage().getImplementationVersion()).orElse("dev");
        return new Environment(new Environment.EdgeBench(version), ort, machine, jvm,
                new Environment.Jmh(Version.getPlainVersion()), warnings, null, null, null, null, null, null, null);
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
        return meminfo("MemAvailable:").orElseGet(() ->
                ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                        ? os.getFreeMemorySize() : -1L);
    }

    private static Long memoryBytes() {
        return meminfo("MemTotal:").orElseGet(() ->
                ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                        ? os.getTotalMemorySize() : null);
    }

    /** A /proc/meminfo line's value in bytes (the file gives kB). */
    private static Optional<Long> meminfo(String key) {
        return lines("/proc/meminfo").stream().filter(l -> l.startsWith(key)).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024);
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
            String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).replace("\0", "").strip();
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
