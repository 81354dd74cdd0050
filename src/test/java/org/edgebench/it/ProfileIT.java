package org.edgebench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.edgebench.profile.OperatorProfile;
import org.edgebench.profile.OrtTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --profile} on a short run of the packaged jar: the profiled fork leaves ONNX Runtime's trace,
 * operators.csv and the operator chart, and jmh.json holds the measured forks only.
 */
class ProfileIT {

    @TempDir
    Path dir;

    @Test
    void aProfiledRunKeepsTheTraceAndWritesTheOperatorsWhileJmhJsonHoldsOnlyTheMeasuredForks() throws Exception {
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.start(dir.resolve("log.txt"), "--profile", "OrtSessionRunBenchmark|DjlPredictorBenchmark",
                "-f", "1", "-wi", "1", "-w", "200ms", "-i", "2", "-r", "200ms", "-p", "batchSize=1", "-p", "provider=CPU",
                "--out", runDir.toString());
        int exit = jar.waitFor();
        String output = jar.output();
        assertThat(exit).as("exit code; output:%n%s", output).isZero();

        assertThat(output).contains("EdgeBench: --profile: not profiled (only OrtSessionRunBenchmark is): DjlPredictorBenchmark.predict",
                "EdgeBench: profiling student CPU b1 t0 in one more fork (18 warm-up + 30 profiled calls, not measured)",
                "-Dedgebench.profile=" + runDir.toAbsolutePath().resolve("profile/student_CPU_b1_t0.json"),
                "EdgeBench: wrote profile/student_CPU_b1_t0.json (ONNX Runtime's trace, ");
        Path trace = runDir.resolve("profile/student_CPU_b1_t0.json");
        try (Stream<Path> traces = Files.list(runDir.resolve("profile"))) {
            assertThat(traces.toList()).as("one trace, of the profiled benchmark only").containsExactly(trace);
        }
        // The input state's two setup calls, 18 warm-up calls and 30 profiled calls; the first 20 are dropped.
        OrtTrace read = OrtTrace.read(trace);
        assertThat(read.runs()).hasSize(50);
        assertThat(OperatorProfile.of(read).inferences()).isEqualTo(30);
        assertThat(Files.readString(trace)).startsWith("[\n{\"cat\" : \"Session\"");

        JsonNode results = new ObjectMapper().readTree(runDir.resolve("jmh.json").toFile());
        assertThat(results).hasSize(2);
        for (JsonNode result : results) {
            assertThat(result.path("mode").asText()).as("the profiled fork ran single shots; none is in jmh.json").isEqualTo("sample");
            assertThat(result.path("primaryMetric").path("rawDataHistogram")).as("forks").hasSize(1);
            assertThat(result.path("primaryMetric").path("rawDataHistogram").get(0)).as("measured iterations").hasSize(2);
        }
        assertThat(Files.readAllLines(runDir.resolve("latency.csv"))).hasSize(3);

        List<String> operators = Files.readAllLines(runDir.resolve("operators.csv"));
        assertThat(operators.get(0)).startsWith("configuration,model,provider,batch_size,");
        assertThat(operators.subList(1, operators.size())).isNotEmpty()
                .allMatch(line -> line.startsWith("student CPU b1 t0,student,CPU,1,0,1,CPU,"));
        assertThat(operators.get(1)).contains(",Conv,52,");
        assertThat(runDir.resolve("charts/operators_student_CPU_b1_t0.png")).isNotEmptyFile();
        assertThat(Files.readString(runDir.resolve("summary.txt")))
                .contains("== Where the time goes: operator types (ONNX Runtime profile, --profile) ==\nstudent CPU b1 t0: Conv ")
                .doesNotContain("no trace");
    }
}
