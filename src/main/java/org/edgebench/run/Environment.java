package org.edgebench.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a run ran on and how it ended: {@code env.json} (docs/env-json.md) as typed records. The
 * launcher fills it ({@code runtime.ThisMachine} captures the machine and the ONNX Runtime build),
 * {@link EnvFile} writes and reads it, and the report, {@code compare} and the {@code env} command
 * describe it with the methods here. Facts a machine does not expose are null, never guessed;
 * the run's own fields are absent from the {@code env} command's output.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Environment(EdgeBench edgebench, OnnxRuntimeBuild onnxRuntime, Machine machine, Jvm jvm, Jmh jmh,
                          List<String> warnings, String suite, String label, String commandLine, String startedAt,
                          Providers providers, List<ModelFile> models, RunOutcome run) {

    /** The environment of a JMH JSON that has no env.json beside it: every fact unknown. */
    public static final Environment UNKNOWN = new Environment(null, null, null, null, null,
            null, null, null, null, null, null, null, null);

    public Environment {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public record EdgeBench(String version) {
    }

    /**
     * The ONNX Runtime that ran: its native libraries' version, the version of the Java classes
     * the jar was built with, where the native libraries came from (null: the jar), its providers, and
     * what the native folder says the build is ({@code build.txt} there; null when it does not say).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OnnxRuntimeBuild(String version, String javaApiVersion, String nativePath, List<String> availableProviders,
                                   String build) {
        public OnnxRuntimeBuild {
            availableProviders = availableProviders == null ? List.of() : List.copyOf(availableProviders);
        }
    }

    /**
     * {@code emulated}: the JVM's architecture is not the processor's (qemu-user), so timings are not
     * the architecture's; {@code emulatedCpu} and {@code emulator} name the core that was emulated
     * and the emulator that did it ("Cortex-A76", "qemu 7.2.13"), when the run was started through
     * an emulation script that says so.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Machine(String os, String osVersion, String arch, String cpuModel, Integer cores, Long memoryBytes,
                          String cpuGovernor, String deviceModel, String hostname, Boolean emulated,
                          String emulatedCpu, String emulator) {
        static final Machine UNKNOWN = new Machine(null, null, null, null, null, null, null, null, null, null, null, null);

        /**
         * True when the JVM reports an ARM architecture on a processor that says it is x86 (or the
         * reverse): the process runs under an emulator such as qemu-user.
         */
        public static boolean looksEmulated(String arch, String cpuModel) {
            if (arch == null || cpuModel == null) {
                return false;
            }
            boolean armJvm = arch.matches("(?i)aarch64|arm64|arm.*");
            boolean x86Cpu = cpuModel.matches("(?i).*(intel|amd|epyc|xeon|ryzen|core\\(tm\\)).*");
            boolean x86Jvm = arch.matches("(?i)amd64|x86_64|x86|i[3-6]86");
            boolean armCpu = cpuModel.startsWith("ARM ") || cpuModel.matches("(?i).*(cortex|neoverse).*");
            return armJvm && x86Cpu || x86Jvm && armCpu;
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Jvm(String version, String vendor, String name, String home, Long maxHeapBytes) {
    }

    public record Jmh(String version) {
    }

    /** Providers the run asked for, those it ran, and those it skipped with the reason. */
    public record Providers(List<String> requested, List<String> run, List<SkippedProvider> skipped) {
        public Providers {
            requested = requested == null ? List.of() : List.copyOf(requested);
            run = run == null ? List.of() : List.copyOf(run);
            skipped = skipped == null ? List.of() : List.copyOf(skipped);
        }
    }

    /** A provider that was requested but not run, and why. */
    public record SkippedProvider(String provider, String reason) {
        public SkippedProvider {
            provider = provider == null ? "?" : provider;
            reason = reason == null ? "no reason given" : reason;
        }
    }

    /** A model the run measured, with the checksum that tells two runs' files apart. */
    public record ModelFile(String name, String file, long bytes, String sha256) {
    }

    /**
     * How the run ended: configurations planned and finished, whether the launcher went through
     * the whole plan or was interrupted, and which configurations failed.
     */
    /**
     * How the run ended. {@code stopped} says why the launcher stopped before starting every
     * configuration (another JMH run held JMH's lock past {@code --lock-wait}); null when it did not.
     * {@code allocatedOutputs} lists the outputs ONNX Runtime allocated on every measured call instead
     * of writing into pinned buffers; every other output was pinned with the shape its first call returned.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunOutcome(Integer configurations, int finished, boolean complete, boolean interrupted,
                             List<FailedConfiguration> failed, String stopped,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AllocatedOutput> allocatedOutputs) {
        public RunOutcome {
            configurations = configurations == null ? finished : configurations;
            failed = failed == null ? List.of() : List.copyOf(failed);
            allocatedOutputs = allocatedOutputs == null ? List.of() : List.copyOf(allocatedOutputs);
        }
    }

    /** An output of a configuration that ONNX Runtime allocated on every call, and why it was not pinned. */
    public record AllocatedOutput(String benchmark, Integer threads, Map<String, String> params, String output,
                                  String reason) {
        public static AllocatedOutput of(Configuration configuration, String output, String reason) {
            return new AllocatedOutput(configuration.benchmark(), configuration.callers(), configuration.params(), output,
                    reason);
        }
    }

    /** A configuration that was planned but gave no result, and why. */
    public record FailedConfiguration(String benchmark, Integer threads, Map<String, String> params, String reason) {
        public FailedConfiguration {
            benchmark = benchmark == null ? "?" : benchmark;
            threads = threads == null ? 1 : threads;
            params = params == null ? Map.of() : params;
            reason = reason == null ? "no reason given" : reason;
        }

        public static FailedConfiguration of(Configuration configuration, String reason) {
            return new FailedConfiguration(configuration.benchmark(), configuration.callers(), configuration.params(), reason);
        }

        @JsonIgnore
        public Configuration configuration() {
            return Configuration.planned(benchmark, threads, params);
        }
    }

    /** This environment with the run's own facts: what it was asked, what it skipped, the models it measured. */
    public Environment forRun(String suiteName, String runLabel, String command, String started,
                              Providers runProviders, List<ModelFile> runModels) {
        return new Environment(edgebench, onnxRuntime, machine, jvm, jmh, warnings, suiteName, runLabel, command, started,
                runProviders, List.copyOf(runModels), run);
    }

    /** This environment with {@code outcome} as its {@code run} section. */
    public Environment withRun(RunOutcome outcome) {
        return new Environment(edgebench, onnxRuntime, machine, jvm, jmh, warnings, suite, label, commandLine, startedAt,
                providers, models, outcome);
    }

    @JsonIgnore
    public boolean isKnown() {
        return !equals(UNKNOWN);
    }

    /** The machine, never null: every field null when env.json did not say. */
    public Machine machineOrUnknown() {
        return machine == null ? Machine.UNKNOWN : machine;
    }

    public List<SkippedProvider> skippedProviders() {
        return providers == null ? List.of() : providers.skipped();
    }

    /** The providers that ran, or for an environment without a run, those the build offers. */
    public List<String> providersRun() {
        if (providers != null && !providers.run().isEmpty()) {
            return providers.run();
        }
        return onnxRuntime == null ? List.of() : onnxRuntime.availableProviders();
    }

    public String onnxRuntimeVersion() {
        return onnxRuntime == null ? null : onnxRuntime.version();
    }

    /** The {@code env} command's text: one fact per line. */
    public String describe() {
        Machine m = machineOrUnknown();
        StringBuilder s = new StringBuilder();
        line(s, "EdgeBench", edgebench == null ? "unknown" : edgebench.version());
        line(s, "ONNX Runtime", onnxRuntimeVersion() + (onnxRuntime == null || onnxRuntime.nativePath() == null
                ? " (native libraries from the jar)" : " (native libraries from " + onnxRuntime.nativePath() + ")"));
        if (onnxRuntime != null && onnxRuntime.build() != null) {
            line(s, "ONNX Runtime build", onnxRuntime.build());
        }
        line(s, "Providers in this build", onnxRuntime == null ? "" : String.join(", ", onnxRuntime.availableProviders()));
        line(s, "OS", m.os() + " " + m.osVersion() + " (" + m.arch() + (emulated() ? ", " + emulation() + ": timings are not a board's" : "") + ")");
        line(s, "CPU", orUnknown(m.cpuModel()) + ", " + (m.cores() == null ? "?" : m.cores()) + " cores");
        line(s, "Memory", m.memoryBytes() == null ? "unknown"
                : String.format(Locale.ROOT, "%.1f GiB", m.memoryBytes() / (1024.0 * 1024 * 1024)));
        line(s, "CPU governor", orUnknown(m.cpuGovernor()));
        line(s, "Device model", orUnknown(m.deviceModel()));
        line(s, "JVM", jvm == null ? "unknown" : jvm.name() + " " + jvm.version() + " (" + jvm.vendor() + ")");
        line(s, "JMH", jmh == null ? "unknown" : jmh.version());
        warnings.forEach(w -> line(s, "Warning", w));
        return s.toString();
    }

    /**
     * For chart subtitles and the summary, e.g. {@code Intel(R) Xeon(R) ..., 2 cores, Linux amd64,
     * ONNX Runtime 1.29.0}; facts that are null are left out.
     */
    public String oneLine() {
        Machine m = machineOrUnknown();
        List<String> parts = new ArrayList<>();
        present(m.deviceModel()).ifPresent(parts::add);
        present(m.cpuModel()).ifPresent(parts::add);
        if (m.cores() != null) {
            parts.add(m.cores() + " cores");
        }
        String os = String.join(" ", present(m.os()).orElse(""), present(m.arch()).orElse("")).strip();
        if (!os.isEmpty()) {
            parts.add(os);
        }
        present(onnxRuntimeVersion()).ifPresent(v -> parts.add("ONNX Runtime " + v));
        if (emulated()) {
            parts.add(emulation());
        }
        return String.join(", ", parts);
    }

    /** For a comparison's header: {@code amd64, Intel Xeon ... (2 cores), ONNX Runtime 1.29.0 [CPU], host h}. */
    public String header() {
        if (!isKnown()) {
            return "environment unknown (no env.json)";
        }
        Machine m = machineOrUnknown();
        String cpu = m.cpuModel() == null ? "CPU unknown" : m.cpuModel() + (m.cores() == null ? "" : " (" + m.cores() + " cores)");
        return String.join(", ", (m.arch() == null ? "arch unknown" : m.arch()) + (emulated() ? " (" + emulation() + ")" : ""), cpu,
                "ONNX Runtime " + (onnxRuntimeVersion() == null ? "?" : onnxRuntimeVersion())
                        + " [" + String.join(", ", providersRun()) + "]",
                "host " + (m.hostname() == null ? "?" : m.hostname()));
    }

    /**
     * True when the JVM reports an ARM architecture on a processor that says it is x86 (or the
     * reverse): the run went through an emulator such as qemu-user, so its timings are not the
     * architecture's.
     */
    @JsonIgnore
    public boolean emulated() {
        Machine m = machineOrUnknown();
        return m.emulated() != null ? m.emulated() : Machine.looksEmulated(m.arch(), m.cpuModel());
    }

    /**
     * How the run was emulated, for every place that marks it: {@code emulated Cortex-A76, qemu 7.2}
     * when the emulated core and the emulator are known, else {@code emulated}.
     */
    @JsonIgnore
    public String emulation() {
        return emulationDetail().map(d -> "emulated " + d).orElse("emulated");
    }

    /** The emulated core and the emulator, {@code Cortex-A76, qemu 7.2}, when env.json names either. */
    private java.util.Optional<String> emulationDetail() {
        Machine m = machineOrUnknown();
        List<String> parts = new ArrayList<>();
        present(m.emulatedCpu()).ifPresent(parts::add);
        present(m.emulator()).ifPresent(parts::add);
        return parts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(", ", parts));
    }

    /** What differs between the machines of two runs (arch, CPU model, host, emulation); empty when they look alike or either is unknown. */
    public List<String> machineDifferences(Environment other) {
        return differences(other, List.of(
                new Fact("arch", e -> e.machineOrUnknown().arch()),
                new Fact("CPU", e -> e.machineOrUnknown().cpuModel()),
                new Fact("host", e -> e.machineOrUnknown().hostname()),
                new Fact("emulated", e -> e.emulated() ? e.emulationDetail().orElse("yes") : "no")));
    }

    /** The ONNX Runtime version, its native libraries or the providers differing: a build comparison, not only a code change. */
    public List<String> buildDifferences(Environment other) {
        return differences(other, List.of(
                new Fact("ONNX Runtime", Environment::onnxRuntimeVersion),
                new Fact("native libraries", e -> e.onnxRuntime == null ? null
                        : e.onnxRuntime.nativePath() == null ? "from the jar" : e.onnxRuntime.nativePath()),
                new Fact("providers", e -> String.join("+", e.providersRun()))));
    }

    private record Fact(String name, Function<Environment, String> value) {
    }

    private List<String> differences(Environment other, List<Fact> facts) {
        List<String> differences = new ArrayList<>();
        if (!isKnown() || !other.isKnown()) {
            return differences;
        }
        for (Fact fact : facts) {
            String a = fact.value().apply(this);
            String b = fact.value().apply(other);
            if (a != null && b != null && !Objects.equals(a, b)) {
                differences.add(fact.name() + " " + a + " vs " + b);
            }
        }
        return differences;
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(String.format(Locale.ROOT, "%-24s %s%n", key + ":", value));
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }

    private static java.util.Optional<String> present(String value) {
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value);
    }
}
