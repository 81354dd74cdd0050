package org.edgebench.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** env.json's one writer and reader: a full round trip, and the files older launchers and people wrote. */
class EnvFileTest {

    private static final String BENCHMARK = "org.edgebench.bench.OrtSessionRunBenchmark.run";
    private static final Map<String, String> B32 = Map.of("batchSize", "32", "dims", "", "intraOpThreads", "0",
            "model", "student", "provider", "CPU");

    @TempDir
    Path dir;

    /** Every section filled in, as a launcher writes it at the end of an interrupted run. */
    static Environment full() {
        Configuration failed = Configuration.planned(BENCHMARK, 2, B32);
        return new Environment(new Environment.EdgeBench("0.1.0-SNAPSHOT"),
                new Environment.OnnxRuntimeBuild("1.21.0", "1.29.0", "/opt/ort", List.of("CPU", "XNNPACK"), "Debian's 1.21"),
                new Environment.Machine("Linux", "6.1.0", "aarch64", "ARM Cortex-A76", 4, 8_000_000_000L, "performance",
                        "Raspberry Pi 5", "pi", true, "Cortex-A76", "qemu 7.2.22"),
                new Environment.Jvm("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "/usr/lib/jvm/17", 2_000_000_000L),
                new Environment.Jmh("1.37"), List.of("native 1.21.0 under Java classes 1.29.0"), "default", "pi5",
                "java -jar target/benchmarks.jar --label pi5", "2026-11-23T18:10:00Z",
                new Environment.Providers(List.of("CPU", "XNNPACK", "DNNL"), List.of("CPU", "XNNPACK"),
                        List.of(new Environment.SkippedProvider("DNNL", "not in this ONNX Runtime build"))),
                List.of(new Environment.ModelFile("student", "models/student.onnx", 8_934_212, "abc123")),
                new Environment.RunOutcome(6, 4, false, true,
                        List.of(Environment.FailedConfiguration.of(failed, "no result: the fork failed")), null,
                        List.of(Environment.AllocatedOutput.of(failed, "logits", "its shape depends on the input values"))));
    }

    @Test
    void whatIsWrittenReadsBackEqualAndAloneInTheFolder() throws IOException {
        Environment env = full();

        EnvFile.write(dir, env);

        assertThat(EnvFile.read(dir)).contains(env);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no staging file left").containsExactly(RunFiles.ENV_JSON);
        }
    }

    @Test
    void writingAgainReplacesTheFile() throws IOException {
        EnvFile.write(dir, full());
        Environment finished = full().withRun(new Environment.RunOutcome(6, 6, true, false, List.of(), null, List.of()));

        EnvFile.write(dir, finished);

        assertThat(EnvFile.read(dir)).contains(finished);
    }

    /** The documented shape: the run's own fields absent when null, the build's and machine's facts written even when null. */
    @Test
    void absentFactsAreLeftOutExceptTheBuildsAndMachinesNulls() throws IOException {
        Environment machineOnly = new Environment(new Environment.EdgeBench("x"),
                new Environment.OnnxRuntimeBuild("1.29.0", "1.29.0", null, List.of("CPU"), null),
                new Environment.Machine("Linux", null, "amd64", null, 2, null, null, null, null, false, null, null),
                null, null, List.of(), null, null, null, null, null, null, null);

        String json = EnvFile.toJson(machineOnly);

        assertThat(json).contains("\"nativePath\" : null", "\"build\" : null", "\"cpuGovernor\" : null", "\"emulator\" : null")
                .doesNotContain("\"label\"", "\"suite\"", "\"run\"", "\"providers\"", "\"models\"", "\"jvm\"");
        Files.writeString(dir.resolve(RunFiles.ENV_JSON), json);
        assertThat(EnvFile.read(dir)).contains(machineOnly);
    }

    @Test
    void aRunOutcomeLeavesOutStoppedAndAnEmptyAllocatedOutputs() throws IOException {
        String json = EnvFile.toJson(full().withRun(new Environment.RunOutcome(3, 3, true, false, List.of(), null, List.of())));

        assertThat(json).contains("\"configurations\" : 3", "\"failed\" : [ ]")
                .doesNotContain("\"stopped\"", "\"allocatedOutputs\"");
    }

    /** docs/env-json.md's example as an older launcher wrote it: no build, javaApiVersion, warnings, emulation or run section. */
    @Test
    void anOlderFileReadsWithItsMissingFactsUnknown() throws IOException {
        Files.writeString(dir.resolve(RunFiles.ENV_JSON), """
                {
                  "edgebench": { "version": "0.1.0-SNAPSHOT" },
                  "suite": "default",
                  "label": null,
                  "commandLine": "java -jar target/benchmarks.jar -p batchSize=1",
                  "onnxRuntime": { "version": "1.29.0", "nativePath": null, "availableProviders": ["CPU"] },
                  "providers": { "requested": ["CPU", "XNNPACK"], "run": ["CPU"],
                    "skipped": [ { "provider": "XNNPACK", "reason": "not in this ONNX Runtime build (available: CPU)" } ] },
                  "machine": { "os": "Linux", "arch": "amd64", "cpuModel": "Intel(R) Xeon(R) CPU @ 2.20GHz", "cores": 2 },
                  "jvm": { "version": "17.0.15", "vendor": "Debian", "name": "OpenJDK 64-Bit Server VM" }
                }
                """, StandardCharsets.UTF_8);

        Environment env = EnvFile.read(dir).orElseThrow();

        assertThat(env.onnxRuntimeVersion()).isEqualTo("1.29.0");
        assertThat(env.onnxRuntime().javaApiVersion()).isNull();
        assertThat(env.onnxRuntime().build()).isNull();
        assertThat(env.warnings()).isEmpty();
        assertThat(env.run()).isNull();
        assertThat(env.jmh()).isNull();
        assertThat(env.machineOrUnknown().emulatedCpu()).isNull();
        assertThat(env.emulated()).isFalse();
        assertThat(env.skippedProviders()).containsExactly(
                new Environment.SkippedProvider("XNNPACK", "not in this ONNX Runtime build (available: CPU)"));
        assertThat(env.providersRun()).containsExactly("CPU");
        assertThat(env.isKnown()).isTrue();
    }

    /** A run section from before {@code configurations} and with entries missing their details still reads, with defaults. */
    @Test
    void anOlderRunSectionGetsItsDefaults() throws IOException {
        Files.writeString(dir.resolve(RunFiles.ENV_JSON), """
                {"run": {"finished": 2, "complete": false, "interrupted": true,
                         "failed": [ {"benchmark": "%s", "params": {"batchSize": "32"}}, {} ]},
                 "providers": {"skipped": [ {"provider": "XNNPACK"} ]}}
                """.formatted(BENCHMARK), StandardCharsets.UTF_8);

        Environment env = EnvFile.read(dir).orElseThrow();

        Environment.RunOutcome run = env.run();
        assertThat(run.configurations()).as("configurations, absent: the finished ones").isEqualTo(2);
        assertThat(run.interrupted()).isTrue();
        assertThat(run.stopped()).isNull();
        assertThat(run.allocatedOutputs()).isEmpty();
        assertThat(run.failed()).containsExactly(
                new Environment.FailedConfiguration(BENCHMARK, 1, Map.of("batchSize", "32"), "no reason given"),
                new Environment.FailedConfiguration("?", 1, Map.of(), "no reason given"));
        assertThat(env.skippedProviders()).containsExactly(new Environment.SkippedProvider("XNNPACK", "no reason given"));
        assertThat(env.providers().requested()).isEmpty();
    }

    @Test
    void fieldsWrittenByANewerLauncherAreIgnored() throws IOException {
        Files.writeString(dir.resolve(RunFiles.ENV_JSON), """
                {"suite": "ci", "gpu": {"name": "none"}, "machine": {"arch": "amd64", "numaNodes": 2},
                 "run": {"finished": 1, "complete": true, "interrupted": false, "retries": 0}}
                """, StandardCharsets.UTF_8);

        Environment env = EnvFile.read(dir).orElseThrow();

        assertThat(env.suite()).isEqualTo("ci");
        assertThat(env.machineOrUnknown().arch()).isEqualTo("amd64");
        assertThat(env.run().complete()).isTrue();
    }

    /** Every env.json committed as a test fixture, recorded by the launcher over the project's history, reads and writes back unchanged. */
    @Test
    void everyCommittedEnvJsonReadsAndRoundTrips() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src", "test", "resources"))) {
            files = walk.filter(f -> f.getFileName().toString().equals(RunFiles.ENV_JSON)).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path file : files) {
            Environment env = EnvFile.read(file.getParent()).orElseThrow();
            assertThat(env.isKnown()).as(file.toString()).isTrue();
            Path copy = Files.createDirectories(dir.resolve(Integer.toString(files.indexOf(file))));
            EnvFile.write(copy, env);
            assertThat(EnvFile.read(copy)).as(file.toString()).contains(env);
        }
    }

    @Test
    void noFileIsEmptyAndAFileThatIsNotAnEnvJsonIsAnError() throws IOException {
        assertThat(EnvFile.read(dir)).isEmpty();

        Path file = Files.writeString(dir.resolve(RunFiles.ENV_JSON), "[1, 2]");
        assertThatThrownBy(() -> EnvFile.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a JSON object");

        Files.writeString(file, "{\"suite\": ");
        assertThatThrownBy(() -> EnvFile.read(dir)).isInstanceOf(IOException.class);
    }

    /** A run folder's jmh.json has env.json beside it; a baseline NAME.json has NAME.env.json and nothing else. */
    @Test
    void theEnvironmentBesideAJmhFile() throws IOException {
        Environment run = full();
        Environment baseline = full().withRun(null);
        EnvFile.write(dir, run);
        Files.writeString(dir.resolve("ci.env.json"), EnvFile.toJson(baseline));

        assertThat(EnvFile.besides(dir.resolve("jmh.json"))).contains(run);
        assertThat(EnvFile.besides(dir.resolve("ci.json"))).contains(baseline);
        assertThat(EnvFile.besides(dir.resolve("other.json"))).as("not a run folder's jmh.json").isEmpty();
    }

    @Test
    void fieldsFlattenToDottedNamesInTheFilesOrder() {
        Map<String, String> fields = EnvFile.fields(full());

        assertThat(fields).containsEntry("machine.cpuModel", "ARM Cortex-A76")
                .containsEntry("onnxRuntime.availableProviders", "CPU, XNNPACK")
                .containsEntry("providers.skipped[0].reason", "not in this ONNX Runtime build")
                .containsEntry("run.failed[0].params.batchSize", "32")
                .containsEntry("run.interrupted", "true")
                .doesNotContainKey("run.stopped");
        assertThat(fields.keySet()).startsWith("edgebench.version", "onnxRuntime.version");
    }
}
