package org.edgebench.cli;

import org.edgebench.count.InstructionCount;
import org.edgebench.run.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code count}'s bad input stops before valgrind is looked for, with one line and exit 2; its table. */
class CountCommandTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final BadInputCapture launcher = new BadInputCapture();

    private String failsWithOneLine(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "count";
        System.arraycopy(args, 0, all, 1, args.length);
        return launcher.failsWithOneLine(all);
    }

    @Test
    void badCallsAndFoldersAndParameters() throws Exception {
        assertThat(failsWithOneLine("--calls", "3,1")).contains("--calls LOW,HIGH with 1 <= LOW < HIGH");
        assertThat(failsWithOneLine("--calls", "three")).contains("--calls takes LOW,HIGH, two call counts such as 1,3");
        assertThat(failsWithOneLine("--warmup", "-1")).contains("--warmup >= 0");
        assertThat(failsWithOneLine("--into", dir.resolve("missing").toString())).contains("no such run folder");
        assertThat(failsWithOneLine("--into", dir.toString(), "--label", "x")).contains("give one or the other");
        assertThat(failsWithOneLine("-p", "threads=2")).contains("-p threads=2: expected NAME=VALUES with NAME one of model");
        assertThat(failsWithOneLine("-p", "model=nope", "-p", "provider=CPU")).contains("unknown model 'nope'");
        assertThat(failsWithOneLine("--suite", "nope")).contains("unknown suite 'nope'");
        Path counted = Files.createDirectories(dir.resolve("counted"));
        Files.writeString(counted.resolve("instructions.csv"), "benchmark\n");
        assertThat(failsWithOneLine("-p", "provider=CPU", "--out", counted.toString())).contains("already holds a count");
    }

    @Test
    void intoARunOfAnotherOnnxRuntimeIsRefused() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("env.json"), "{\"onnxRuntime\": {\"version\": \"1.0.0\", \"availableProviders\": [\"CPU\"]}}");
        assertThat(failsWithOneLine("-p", "provider=CPU", "-p", "batchSize=1", "--into", run.toString()))
                .contains(run + " was run with ONNX Runtime 1.0.0 (native libraries from the jar), this count would use 1.")
                .contains("count with the jar (and -Donnxruntime.native.path) that made the run");
    }

    @Test
    void tableHasOneLinePerConfigurationWithThousandsSeparators() {
        Map<String, String> params = Map.of("model", "student", "provider", "CPU", "batchSize", "8", "intraOpThreads", "1", "dims", "");
        InstructionCount count = new InstructionCount(Configuration.planned("org.edgebench.bench.OrtSessionRunBenchmark.run", 1, params),
                1, 3, 66_727_561, 200_182_362, "3.19.0");
        assertThat(CountCommand.table(List.of(count)).lines().toList()).containsExactly(
                "configuration        calls    instructions/inference   instructions/item",
                "student CPU b8 t1     1..3                66,727,401           8,340,925");
    }
}
