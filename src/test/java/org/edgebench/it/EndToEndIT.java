package org.edgebench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the packaged benchmarks.jar as a user would, with a tiny configuration. */
class EndToEndIT {

    @TempDir
    Path dir;

    @Test
    void aTinyRunWritesJmhJsonWithPercentilesAndEnvJsonWithTheSkippedProvider() throws Exception {
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.start(dir.resolve("log.txt"), "-f", "1", "-wi", "1", "-i", "2", "-w", "200ms", "-r", "200ms",
                "-p", "batchSize=1,2", "--out", runDir.toString());
        int exit = jar.waitFor();
        String output = jar.output();
        assertThat(exit).as("exit code; output:%n%s", output).isZero();

        assertThat(output).contains("XNNPACK: not in this ONNX Runtime build (available: CPU); skipped")
                .contains("EdgeBench: wrote " + runDir);

        ObjectMapper json = new ObjectMapper();
        JsonNode results = json.readTree(runDir.resolve("jmh.json").toFile());
        assertThat(results).hasSize(2);
        List<String> batches = new ArrayList<>();
        for (JsonNode result : results) {
            assertThat(result.path("mode").asText()).isEqualTo("sample");
            assertThat(result.path("params").path("provider").asText()).isEqualTo("CPU");
            assertThat(result.path("params").path("model").asText()).isEqualTo("student");
            batches.add(result.path("params").path("batchSize").asText());
            JsonNode percentiles = result.path("primaryMetric").path("scorePercentiles");
            for (String p : List.of("0.0", "50.0", "90.0", "95.0", "99.0", "99.9", "100.0")) {
                assertThat(percentiles.path(p).isNumber()).as("percentile %s in %s", p, percentiles).isTrue();
            }
            assertThat(percentiles.path("50.0").asDouble()).isPositive()
                    .isLessThanOrEqualTo(percentiles.path("99.0").asDouble());
        }
        assertThat(batches).containsExactlyInAnyOrder("1", "2");

        JsonNode env = json.readTree(runDir.resolve("env.json").toFile());
        assertThat(env.path("onnxRuntime").path("version").asText()).isNotBlank();
        assertThat(env.path("providers").path("run")).extracting(JsonNode::asText).containsExactly("CPU");
        assertThat(env.path("providers").path("skipped")).singleElement().satisfies(s -> {
            assertThat(s.path("provider").asText()).isEqualTo("XNNPACK");
            assertThat(s.path("reason").asText()).contains("not in this ONNX Runtime build");
        });
        assertThat(env.path("models").get(0).path("sha256").asText()).hasSize(64);
        assertThat(env.path("jmh").path("version").asText()).isEqualTo("1.37");

        for (String file : List.of("latency.csv", "latency_samples.csv", "summary.txt", "summary.md", "index.html",
                "charts/latency_vs_batch.png", "charts/throughput_vs_batch.png", "charts/latency_boxplot.png",
                "charts/latency_over_iterations.png", "charts/latency_histogram_student_CPU_b1_t0.png")) {
            assertThat(runDir.resolve(file)).as("the report is written after the run").isNotEmptyFile();
        }
        assertThat(output).contains("== student ==");
        assertThat(runDir.resolve("agreement.csv")).as("no int8 twin ran, so no output agreement").doesNotExist();
        assertThat(output).doesNotContain("comparing the outputs");
    }

    /** A model and its int8 twin: after the benchmarks, their outputs on the same inputs, in agreement.csv and the summary. */
    @Test
    void aRunOfAModelAndItsInt8TwinWritesTheirOutputAgreement() throws Exception {
        Path runDir = dir.resolve("twins");
        JarProcess jar = JarProcess.start(dir.resolve("twins.txt"), "OrtSessionRunBenchmark", "-f", "1", "-wi", "0", "-i", "1",
                "-r", "200ms", "-p", "model=student,student-int8", "-p", "batchSize=1", "-p", "provider=CPU",
                "--out", runDir.toString());
        int exit = jar.waitFor();
        String output = jar.output();
        assertThat(exit).as("exit code; output:%n%s", output).isZero();

        assertThat(output).contains("EdgeBench: comparing the outputs of student-int8 vs student on CPU on 256 inputs")
                .doesNotContain("warning: student-int8 vs student");
        List<String> csv = Files.readAllLines(runDir.resolve("agreement.csv"));
        assertThat(csv).hasSize(2);
        assertThat(csv.get(0)).isEqualTo("model,int8_model,provider,dims,output,inputs,max_abs_diff,mean_abs_error,"
                + "cosine_similarity,top1_agreement,fp32_majority_share,input_source,error");
        String[] row = csv.get(1).split(",", -1);
        assertThat(row).hasSize(13);
        assertThat(List.of(row).subList(0, 6)).containsExactly("student", "student-int8", "CPU", "", "output", "256");
        assertThat(Double.parseDouble(row[6])).as("max abs diff").isPositive().isGreaterThanOrEqualTo(Double.parseDouble(row[7]));
        assertThat(Double.parseDouble(row[8])).as("cosine").isBetween(0.9, 1.0);
        assertThat(Double.parseDouble(row[9])).as("top-1 agreement").isBetween(0.0, 1.0);
        assertThat(row[12]).as("error").isEmpty();

        String summary = Files.readString(runDir.resolve("summary.txt"));
        assertThat(summary).contains("student-int8 vs student on CPU, output 'output': top-1 agrees on ",
                "-- Output agreement on the same inputs --");
        assertThat(output).contains("student-int8 vs student on CPU, output 'output': top-1 agrees on ");
        assertThat(Files.readString(runDir.resolve("index.html"))).contains("<a href=\"agreement.csv\">agreement.csv</a>");
    }

    @Test
    void aRegexpOfSeveralBenchmarksRunsEachConfigurationOnce() throws Exception {
        Path runDir = dir.resolve("regexp");
        JarProcess jar = JarProcess.start(dir.resolve("regexp.txt"), "OrtSessionRunBenchmark|DjlPredictorBenchmark",
                "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms", "-p", "batchSize=1", "-p", "provider=CPU",
                "--out", runDir.toString());
        int exit = jar.waitFor();
        assertThat(exit).as("exit code; output:%n%s", jar.output()).isZero();
        JsonNode results = new ObjectMapper().readTree(runDir.resolve("jmh.json").toFile());
        assertThat(results).extracting(r -> r.path("benchmark").asText()).containsExactlyInAnyOrder(
                "org.edgebench.bench.DjlPredictorBenchmark.predict", "org.edgebench.bench.OrtSessionRunBenchmark.run");
        assertThat(runDir.resolve("summary.txt")).exists();
        assertThat(runDir.resolve("index.html")).exists();
    }
}
