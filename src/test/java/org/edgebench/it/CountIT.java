package org.edgebench.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code count} on the packaged jar under valgrind: two counts of the student model at batch 1,
 * in two JVMs started together (each is single-threaded under valgrind), agree within 0.1%, and
 * compare reads them. Skipped without valgrind, except with CI=true (set by .ci/run, which installs
 * it), where that fails. About a minute and a half on the 2-core development machine.
 */
class CountIT {

    @TempDir
    Path dir;

    @Test
    void twoCountsOfTheStudentModelAgreeWithinATenthOfAPercent() throws Exception {
        String install = "valgrind not found; install it (Debian: apt-get install valgrind) or run .ci/run";
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "valgrind")));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(found).as(install).isTrue();
        } else {
            assumeTrue(found, install);
        }
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        JarProcess a = JarProcess.start(dir.resolve("first.log"), "count", "-p", "batchSize=1", "-p", "provider=CPU",
                "-p", "intraOpThreads=0", "--out", first.toString());
        JarProcess b = JarProcess.start(dir.resolve("second.log"), "count", "-p", "batchSize=1", "-p", "provider=CPU",
                "--out", second.toString());
        assertThat(a.waitFor()).as("first count; output:%n%s", a.output()).isZero();
        assertThat(b.waitFor()).as("second count; output:%n%s", b.output()).isZero();

        assertThat(a.output()).contains("intraOpThreads=0 counted at 1: the count is of single-threaded work")
                .contains("intra-op threads 1, spinning off (single-threaded work)")
                .containsPattern("student CPU b1 t1 +1\\.\\.3 +[0-9,]+ +[0-9,]+")
                .contains("EdgeBench: wrote " + first + " (instructions.csv, env.json)");
        assertThat(first.resolve("env.json")).exists();
        double one = perInference(first);
        double two = perInference(second);
        assertThat(one).as("the student model at batch 1 is millions of instructions").isGreaterThan(1e6);
        assertThat(Math.abs(two / one - 1)).as("%s and %s instructions per inference", one, two).isLessThan(0.001);

        JarProcess compared = JarProcess.start(dir.resolve("compare.log"), "compare", first.toString(), second.toString(),
                "--fail-on-instructions", "--out", dir.resolve("compare").toString());
        assertThat(compared.waitFor()).as(compared.output()).isZero();
        assertThat(compared.output()).contains("| student CPU b1 t1 |").contains("same (within 0.5%)");
    }

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

    private static double perInference(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("instructions.csv"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        List<String> header = List.of(lines.get(0).split(","));
        String[] row = lines.get(1).split(",", -1);
        assertThat(row[header.indexOf("intra_op_threads")]).isEqualTo("1");
        return Double.parseDouble(row[header.indexOf("instructions_per_inference")]);
    }
}
