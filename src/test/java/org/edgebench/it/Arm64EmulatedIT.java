package org.edgebench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The jar's linux-aarch64 path on an emulated Raspberry Pi 5 core (Cortex-A76 under qemu-user),
 * through {@code scripts/arm64-emulated.sh}: runs whenever Debian's qemu-user-static and arm64
 * JDK are installed (.ci/run installs them), and is skipped, saying why, elsewhere.
 */
class Arm64EmulatedIT {

    private static final Path ARM_JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-arm64/bin/java");

    @TempDir
    Path dir;

    @BeforeEach
    void emulatorInstalled() {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "emulates aarch64 on an x86 machine");
        assumeTrue(Files.isExecutable(ARM_JAVA), "no arm64 JDK (openjdk-17-jdk-headless:arm64)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-aarch64-static")), "no qemu-user-static");
    }

    private record Result(int exit, String output) {
    }

    private Result script(Map<String, String> env, String... args) throws Exception {
        Path log = dir.resolve("log.txt");
        ProcessBuilder builder = new ProcessBuilder("bash", "scripts/arm64-emulated.sh")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.command().addAll(java.util.List.of(args));
        builder.environment().put("EDGEBENCH_JAR", JarProcess.JAR.toAbsolutePath().toString());
        // It checks the ARM path, not timings: another JMH on the machine must not fail it.
        builder.environment().put("EDGEBENCH_JAVA_OPTS", "-Djmh.ignoreLock=true");
        builder.environment().putAll(env);
        Process script = builder.start();
        assertThat(script.waitFor(10, TimeUnit.MINUTES)).as("finished").isTrue();
        return new Result(script.exitValue(), Files.readString(log).strip());
    }

    @Test
    void oneShortConfigurationRunsOnAnEmulatedCortexA76AndSaysSo() throws Exception {
        Path runDir = dir.resolve("run");
        Result result = script(Map.of(), "-f", "1", "-wi", "1", "-w", "200ms", "-i", "1", "-r", "500ms",
                "-p", "batchSize=1", "-p", "provider=CPU", "-p", "intraOpThreads=1", "--out", runDir.toString());
        assertThat(result.exit()).as("exit code; output:%n%s", result.output()).isZero();

        JsonNode machine = new ObjectMapper().readTree(runDir.resolve("env.json").toFile()).path("machine");
        assertThat(machine.path("arch").asText()).isEqualTo("aarch64");
        assertThat(machine.path("emulated").asBoolean()).isTrue();
        assertThat(machine.path("emulatedCpu").asText()).isEqualTo("Cortex-A76");
        assertThat(machine.path("emulator").asText()).matches("qemu \\d+\\.\\d+(\\.\\d+)?");
        assertThat(machine.path("cpuModel").asText()).isEqualTo("ARM Cortex-A76");
        assertThat(Files.readString(runDir.resolve("summary.txt")))
                .contains("Linux aarch64").contains("emulated Cortex-A76, " + machine.path("emulator").asText())
                .contains("timings are an emulator's, not a board's");
        assertThat(new ObjectMapper().readTree(runDir.resolve("jmh.json").toFile())).hasSize(1);
    }

    @Test
    void anEmulatorThatDiesBeforeAnyMeasurementIsOneLineNamingTheEmulatorAndTheCore() throws Exception {
        // A JVM that aborts while starting, as ONNX Runtime's library did under some emulated cores.
        Result result = script(Map.of("JAVA_TOOL_OPTIONS", "-Xmx3m -XX:+CrashOnOutOfMemoryError"));
        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).doesNotContain("\n").doesNotContain("A fatal error")
                .matches("arm64-emulated: qemu \\d.* emulating cortex-a76 crashed \\(exit 134\\).*preflight\\.log");
    }

    @Test
    void aCoreWithoutABoardDescriptionIsRefusedInOneLine() throws Exception {
        Result result = script(Map.of("EDGEBENCH_ARM_CPU", "cortex-a35"));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.output()).doesNotContain("\n").contains("unknown core 'cortex-a35'").contains("cortex-a72 (Pi 4)");
    }
}
