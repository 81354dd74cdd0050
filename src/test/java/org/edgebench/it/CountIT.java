package org.edgebench.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code count} on the packaged jar without valgrind: one line and exit 2. Counts under valgrind,
 * two JVMs side by side for about half a minute, are the gate's: CiRegressionScriptIT runs one
 * check with counts and shows that two counts of one jar agree within 0.1% and that compare reads them.
 */
class CountIT {

    @TempDir
    Path dir;

    @Test
    void withoutValgrindTheCountIsOneLineAndExitTwo() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("no-valgrind"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JarProcess.JAR.toString(), "count", "-p", "batchSize=1", "-p", "provider=CPU", "--out", dir.resolve("x").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile());
        builder.environment().put("PATH", empty.toString());
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(dir.resolve("log"), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).isEqualTo("edgebench: valgrind not found: install it (Debian: apt-get install valgrind)");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
