package org.edgebench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.edgebench.launch.jmh.LockHolder;
import org.edgebench.report.NoFontsJdk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults injected into real runs of the packaged jar: for each, what was finished is on disk, the
 * line printed, and the exit code (the table in docs/faults.md).
 */
class FaultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEST_DATA = Path.of("/usr/share/libonnx-testdata/data/node");
    private static final String[] SHORT_RUN = {"-f", "1", "-wi", "0", "-i", "1", "-r", "200ms", "-p", "model=student",
            "-p", "provider=CPU", "OrtSessionRunBenchmark"};

    @TempDir
    Path dir;

    /** The jar's output of each case, for the build log: the lines quoted in docs/faults.md come from there. */
    @AfterEach
    void printTheOutput(TestInfo test) throws IOException {
        Path log = dir.resolve("log.txt");
        if (Files.exists(log)) {
            System.out.println("=== " + test.getDisplayName() + " ===");
            Files.readAllLines(log).stream().filter(l -> l.startsWith("EdgeBench") || l.startsWith("edgebench")
                    || l.contains("failed")).forEach(System.out::println);
        }
    }

    private static String[] shortRun(String batchSizes, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(SHORT_RUN));
        args.addAll(List.of("-p", "batchSize=" + batchSizes));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static List<String> edgebenchErrors(String output) {
        return output.lines().filter(l -> l.startsWith("edgebench: ")).toList();
    }

    @Test
    void lockHeldAndNoWaitRefusesInOneLineWithoutStartingOrWriting() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path runDir = dir.resolve("run");
        Process holder = LockHolder.hold(tmp.resolve("jmh.lock"));
        try {
            JarProcess jar = JarProcess.startWithLock(tmp, dir.resolve("log.txt"),
                    shortRun("1", "--lock-wait", "0", "--out", runDir.toString()));
            int exit = jar.waitFor();
            String output = jar.output();

            assertThat(exit).as(output).isEqualTo(2);
            assertThat(edgebenchErrors(output)).singleElement().asString()
                    .startsWith("edgebench: another JMH run holds JMH's lock " + tmp.resolve("jmh.lock") + " (pid " + holder.pid())
                    .endsWith("(--lock-wait 0 refuses at once; a longer --lock-wait waits for it); nothing was started or written");
            assertThat(output).doesNotContain("EdgeBench: configuration").doesNotContain("\tat ");
            assertThat(runDir).doesNotExist();
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
    }

    @Test
    void lockHeldPastTheWaitLimitRefusesInOneLineWithoutStartingOrWriting() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path runDir = dir.resolve("run");
        Process holder = LockHolder.hold(tmp.resolve("jmh.lock"));
        try {
            JarProcess jar = JarProcess.startWithLock(tmp, dir.resolve("log.txt"),
                    shortRun("1", "--lock-wait", "1s", "--out", runDir.toString()));
            int exit = jar.waitFor();
            String output = jar.output();

            assertThat(exit).as(output).isEqualTo(2);
            assertThat(output).contains("; waiting up to 1 s for it (--lock-wait sets the limit, --lock-wait 0 refuses at once)");
            assertThat(edgebenchErrors(output)).singleElement().asString()
                    .endsWith("after waiting 1 s (--lock-wait sets the limit); nothing was started or written");
            assertThat(output).doesNotContain("EdgeBench: configuration");
            assertThat(runDir).doesNotExist();
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
    }

    @Test
    void lockHeldWaitsWithALineAndRunsOnceItIsFree() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path runDir = dir.resolve("run");
        Process holder = LockHolder.hold(tmp.resolve("jmh.lock"));
        JarProcess jar;
        try {
            jar = JarProcess.startWithLock(tmp, dir.resolve("log.txt"), shortRun("1,2", "--out", runDir.toString()));
            assertThat(jar.awaitOutput("waiting up to 30 min for it", 120)).as(jar.output()).isTrue();
            assertThat(jar.output()).doesNotContain("EdgeBench: configuration");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        int exit = jar.waitFor();
        String output = jar.output();

        assertThat(exit).as(output).isZero();
        assertThat(output).contains("(pid " + holder.pid()).contains("is free; going on")
                .contains("EdgeBench: wrote " + runDir + " (2 of 2 configurations)");
        assertThat(JSON.readTree(runDir.resolve("jmh.json").toFile())).hasSize(2);
        JsonNode run = JSON.readTree(runDir.resolve("env.json").toFile()).path("run");
        assertThat(run.path("failed")).isEmpty();
        assertThat(run.path("complete").asBoolean()).isTrue();
    }

    @Test
    void withoutFontsEveryFileButTheChartsIsWrittenAndTheExitCodeIsTheMeasurements() throws Exception {
        assumeTrue(NoFontsJdk.available(), "a JDK with lib/libfontmanager.so (Linux)");
        Path java = NoFontsJdk.make();
        try {
            Path runDir = dir.resolve("run");
            JarProcess jar = JarProcess.startWithJava(java, dir.resolve("log.txt"), shortRun("1", "--out", runDir.toString()));
            int exit = jar.waitFor();
            String output = jar.output();

            assertThat(exit).as(output).isZero();
            assertThat(output.lines().filter(l -> l.startsWith("EdgeBench: charts skipped"))).singleElement().asString()
                    .contains("(UnsatisfiedLinkError: ").contains("apt-get install fontconfig fonts-dejavu-core libharfbuzz0b");
            assertThat(output).doesNotContain("\tat ").doesNotContain("report could not be written")
                    .contains("EdgeBench: wrote " + runDir + " (1 of 1 configurations)");
            try (var files = Files.list(runDir)) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("jmh.json", "env.json",
                        "placement.csv", "latency.csv", "latency_samples.csv", "summary.txt", "summary.md", "index.html");
            }
        } finally {
            NoFontsJdk.remove(java);
        }
    }

    @Test
    void anOutputShapedByTheInputValuesIsLeftToOnnxRuntimeAndRecorded() throws Exception {
        Path model = TEST_DATA.resolve("test_tile/model.onnx");
        assumeTrue(Files.isRegularFile(model), "libonnx-testdata is not installed");
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.start(dir.resolve("log.txt"), "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms",
                "-p", "model=" + model, "-p", "batchSize=1", "-p", "provider=CPU", "OrtSessionRunBenchmark",
                "--out", runDir.toString());
        int exit = jar.waitFor();
        String output = jar.output();

        assertThat(exit).as(output).isZero();
        assertThat(output).contains("EdgeBench: output 'z' is allocated by ONNX Runtime on every measured call, not pinned:"
                + " its shape depends on the input values: the first call gave [");
        JsonNode allocated = JSON.readTree(runDir.resolve("env.json").toFile()).path("run").path("allocatedOutputs");
        assertThat(allocated).singleElement().satisfies(o -> {
            assertThat(o.path("output").asText()).isEqualTo("z");
            assertThat(o.path("reason").asText()).startsWith("its shape depends on the input values");
            assertThat(o.path("params").path("batchSize").asText()).isEqualTo("1");
        });
        assertThat(runDir.toFile().list()).noneMatch(name -> name.startsWith(".outputs"));
    }

    @Test
    void inputValuesTheModelRejectsGetTheOneLineHintWithoutAStackTrace() throws Exception {
        Path model = TEST_DATA.resolve("test_reshape_reduced_dims/model.onnx");
        assumeTrue(Files.isRegularFile(model), "libonnx-testdata is not installed");
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.start(dir.resolve("log.txt"), "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms",
                "-p", "model=" + model, "-p", "batchSize=1", "-p", "provider=CPU", "OrtSessionRunBenchmark",
                "--out", runDir.toString());
        int exit = jar.waitFor();
        String output = jar.output();

        assertThat(exit).as(output).isEqualTo(1);
        assertThat(output.lines().filter(l -> l.startsWith("EdgeBench: ") && l.contains("failed in a Reshape node")))
                .singleElement().asString().contains("try -p inputs=auto");
        assertThat(output).doesNotContain("\tat ").doesNotContain("OrtException");
        JsonNode failed = JSON.readTree(runDir.resolve("env.json").toFile()).path("run").path("failed");
        assertThat(failed).singleElement().satisfies(f -> assertThat(f.path("reason").asText()).startsWith("failed in a Reshape node"));
    }

    /**
     * Forks killed (SIGKILL), or dying in native code as ONNX Runtime's abort() or a bad pointer
     * would make them (SIGABRT, SIGSEGV), one per configuration of one run: each configuration is
     * failed with a reason, the next one runs, and the last, left alone, is measured.
     */
    @Test
    void forksThatDieCostOnlyTheirConfigurations() throws Exception {
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.start(dir.resolve("log.txt"), "-f", "1", "-wi", "1", "-w", "200ms", "-i", "2", "-r", "1s",
                "-p", "model=student", "-p", "provider=CPU", "-p", "batchSize=1,2,4,8", "OrtSessionRunBenchmark",
                "-jvmArgsAppend", "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"), "--out", runDir.toString());
        List<String> signals = List.of("KILL", "ABRT", "SEGV");
        Set<Long> killed = new HashSet<>();
        for (String signal : signals) {
            ProcessHandle fork = warmingFork(jar, killed);
            assertThat(new ProcessBuilder("kill", "-s", signal, Long.toString(fork.pid())).start().waitFor()).isZero();
            killed.add(fork.pid());
        }
        int exit = jar.waitFor();
        String output = jar.output();

        assertThat(exit).as(output).isEqualTo(1);
        assertThat(output).contains("EdgeBench: configuration 4 of 4").contains("failed:")
                .contains("EdgeBench: wrote " + runDir + " (1 of 4 configurations");
        assertThat(JSON.readTree(runDir.resolve("jmh.json").toFile())).singleElement().satisfies(r ->
                assertThat(r.path("params").path("batchSize").asText()).isEqualTo("8"));
        JsonNode failed = JSON.readTree(runDir.resolve("env.json").toFile()).path("run").path("failed");
        assertThat(failed).extracting(f -> f.path("params").path("batchSize").asText()).containsExactly("1", "2", "4");
        assertThat(failed).allSatisfy(f -> assertThat(f.path("reason").asText()).isNotBlank());
        assertThat(runDir.resolve("summary.txt")).content().contains("3 failed");
    }

    /** The run's next fork once it has started warming up (its "Warmup Iteration" line), within two minutes. */
    private static ProcessHandle warmingFork(JarProcess jar, Set<Long> killed) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && jar.process.isAlive()) {
            long warming = jar.output().lines().filter(l -> l.contains("Warmup Iteration")).count();
            Optional<ProcessHandle> fork = jar.process.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("org.openjdk.jmh.runner.ForkedMain"))
                    .filter(p -> !killed.contains(p.pid())).findFirst();
            if (warming > killed.size() && fork.isPresent()) {
                return fork.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no fork warming up after " + killed.size() + " killed; output:\n" + jar.output());
    }

    /** A disk that fills while the report is written (file size limited below a chart's): the measurements stay, with the command to retry. */
    @Test
    void aFullDiskDuringTheReportKeepsTheMeasurementsAndSaysHowToRetry() throws Exception {
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.startWithFileSizeLimit(50, dir.resolve("native"), dir.resolve("log.txt"), shortRun("1", "--out", runDir.toString()));
        int exit = jar.waitFor();
        String output = jar.output();

        assertThat(exit).as("the measurement's exit code; output:%n%s", output).isZero();
        assertThat(output.lines().filter(l -> l.startsWith("EdgeBench: the report could not be written"))).singleElement()
                .asString().contains("File too large").endsWith("jmh.json is intact: retry with `java -jar benchmarks.jar report "
                        + runDir + "`");
        assertThat(output).doesNotContain("\tat ");
        assertThat(JSON.readTree(runDir.resolve("jmh.json").toFile())).hasSize(1);
        assertThat(JSON.readTree(runDir.resolve("env.json").toFile()).path("run").path("complete").asBoolean()).isTrue();
        try (var files = Files.list(runDir)) {
            // placement.csv is written before the benchmarks, with the run's own files.
            assertThat(files.map(f -> f.getFileName().toString())).as("no half-written report")
                    .containsExactlyInAnyOrder("jmh.json", "env.json", "placement.csv");
        }
    }

    /**
     * A disk that fills before the first result is saved (files limited to 2 KB, env.json's size):
     * one line and exit 1, and no short jmh.json in place of a whole one.
     */
    @Test
    void aFullDiskDuringTheRunSaysSoInOneLine() throws Exception {
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.startWithFileSizeLimit(2, dir.resolve("native"), dir.resolve("log.txt"), shortRun("1", "--out", runDir.toString()));
        int exit = jar.waitFor();
        String output = jar.output();

        assertThat(exit).as(output).isEqualTo(1);
        assertThat(edgebenchErrors(output)).singleElement().asString()
                .startsWith("edgebench: cannot save results in " + runDir + ": writing jmh.json failed part-way (is the disk full?)");
        assertThat(output).doesNotContain("\tat ");
        try (var files = Files.list(runDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no half-written jmh.json, no temp file")
                    .noneMatch(n -> n.endsWith(".tmp") || n.equals("jmh.json"));
        }
    }
}
