package org.edgebench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The jar's linux-aarch64 path, under qemu-user, through {@code scripts/arm64-emulated.sh}: runs
 * whenever Debian's qemu-user-static and arm64 JDK are installed (.ci/run installs them), and is
 * skipped, saying why, elsewhere.
 */
class Arm64EmulatedIT {

    private static final Path ARM_JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-arm64/bin/java");

    @TempDir
    Path dir;

    @Test
    void oneShortConfigurationRunsOnAarch64AndIsMarkedEmulated() throws Exception {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "emulates aarch64 on an x86 machine");
        assumeTrue(Files.isExecutable(ARM_JAVA), "no arm64 JDK (openjdk-17-jdk-headless:arm64)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-aarch64-static")), "no qemu-user-static");
        Path runDir = dir.resolve("run");
        Path log = dir.resolve("log.txt");
        ProcessBuilder builder = new ProcessBuilder("bash", "scripts/arm64-emulated.sh", "-f", "1", "-wi", "1", "-w", "1s",
                "-i", "1", "-r", "1s", "-p", "batchSize=1", "-p", "provider=CPU", "-p", "intraOpThreads=1",
                "--out", runDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("EDGEBENCH_JAR", JarProcess.JAR.toAbsolutePath().toString());
        // It checks the ARM path, not timings: another JMH on the machine must not fail it.
        builder.environment().put("EDGEBENCH_JAVA_OPTS", "-Djmh.ignoreLock=true");
        Process script = builder.start();
        assertThat(script.waitFor(10, TimeUnit.MINUTES)).as("finished").isTrue();
        String output = Files.readString(log);
        assertThat(script.exitValue()).as("exit code; output:%n%s", output).isZero();

        JsonNode machine = new ObjectMapper().readTree(runDir.resolve("env.json").toFile()).path("machine");
        assertThat(machine.path("arch").asText()).isEqualTo("aarch64");
        assertThat(machine.path("emulated").asBoolean()).isTrue();
        assertThat(Files.readString(runDir.resolve("summary.txt")))
                .contains("Linux aarch64").contains("emulated")
                .contains("timings are an emulator's, not a board's");
        assertThat(new ObjectMapper().readTree(runDir.resolve("jmh.json").toFile())).hasSize(1);
    }
}
