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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Captures the {@link Environment} of this process: the ONNX Runtime build that loaded and its
 * providers, the machine, the JVM, JMH. Facts a machine does not expose are null, never guessed.
 */
public final class ThisMachine {

    /**
     * Set by an emulation script (scripts/arm64-emulated.sh) for the launcher and, inherited, its
     * forks: the emulator and its version ("qemu 7.2.13"), and the core it emulates, as the
     * emulator names it ("cortex-a76"). Under qemu-user with an ARM /proc/cpuinfo the process
     * cannot otherwise tell that it is emulated.
     */
    public static final String EMULATOR = "EDGEBENCH_EMULATOR";
    public static final String EMULATED_CPU = "EDGEBENCH_EMULATED_CPU";

    /** ARM's part numbers (the "CPU part" of /proc/cpuinfo, implementer 0x41) of the cores boards and servers use. */
    private static final Map<String, String> ARM_PARTS = Map.ofEntries(
            Map.entry("0xd03", "Cortex-A53"), Map.entry("0xd04", "Cortex-A35"), Map.entry("0xd05", "Cortex-A55"),
            Map.entry("0xd07", "Cortex-A57"), Map.entry("0xd08", "Cortex-A72"), Map.entry("0xd09", "Cortex-A73"),
            Map.entry("0xd0a", "Cortex-A75"), Map.entry("0xd0b", "Cortex-A76"), Map.entry("0xd0c", "Neoverse-N1"),
            Map.entry("0xd0d", "Cortex-A77"), Map.entry("0xd40", "Neoverse-V1"), Map.entry("0xd41", "Cortex-A78"),
            Map.entry("0xd44", "Cortex-X1"), Map.entry("0xd46", "Cortex-A510"), Map.entry("0xd47", "Cortex-A710"),
            Map.entry("0xd48", "Cortex-X2"), Map.entry("0xd49", "Neoverse-N2"), Map.entry("0xd4f", "Neoverse-V2"));

    private ThisMachine() {
    }

    /** A core's name as ARM writes it, from qemu's spelling: cortex-a76 is Cortex-A76, neoverse-n1 Neoverse-N1. */
    static String coreName(String qemuCpu) {
        return java.util.Arrays.stream(qemuCpu.strip().split("-"))
                .map(part -> part.matches("[a-z]\\d+") ? part.toUpperCase(Locale.ROOT)
                        : part.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining("-"));
    }

    private static Optional<String> setting(String name) {
        return Optional.ofNullable(System.getenv(name)).map(String::strip).filter(v -> !v.isEmpty());
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
        Optional<String> emulator = setting(EMULATOR);
        Optional<String> emulatedCpu = setting(EMULATED_CPU).map(ThisMachine::coreName);
        Environment.Machine machine = new Environment.Machine(System.getProperty("os.name"),
                System.getProperty("os.version"), arch, cpu, runtime.availableProcessors(), memoryBytes(),
                read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor").orElse(null),
                read("/proc/device-tree/model").or(() -> read("/sys/class/dmi/id/product_name")).orElse(null), hostname(),
                emulator.isPresent() || Environment.Machine.looksEmulated(arch, cpu),
                emulatedCpu.orElse(null), emulator.orElse(null));
        List<String> warnings = new ArrayList<>();
        NativeBuild.versionWarning(javaApi, nativeVersion).ifPresent(warnings::add);
        if (emulator.isPresent()) {
            warnings.add("emulated: the JVM is " + arch + " on " + emulatedCpu.map(c -> "an emulated " + c).orElse("an emulated processor")
                    + " under " + emulator.get() + "; timings are an emulator's, not a board's");
        } else if (machine.emulated()) {
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
        return cpuModel(lines("/proc/cpuinfo"));
    }

    static Optional<String> cpuModel(List<String> lines) {
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
        List<String> parts = lines.stream().filter(l -> l.startsWith("CPU part"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip().toLowerCase(Locale.ROOT)).distinct().toList();
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        boolean arm = lines.stream().anyMatch(l -> l.startsWith("CPU implementer") && l.strip().endsWith("0x41"));
        if (arm && parts.stream().allMatch(ARM_PARTS::containsKey)) {
            return Optional.of("ARM " + parts.stream().map(ARM_PARTS::get).collect(Collectors.joining("/")));
        }
        return Optional.of("ARM CPU part " + String.join("/", parts));
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
