package org.edgebench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.edgebench.model.generator.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A failing fork or an interrupted run keeps every configuration that finished. */
class NothingLostIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aConfigurationWhoseForkFailsDoesNotCostTheOthers() throws Exception {
        Path model = TestModels.batchOneOnly(dir, "batch_one_only");
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.start(dir.resolve("log.txt"), "-f", "1", "-wi", "1", "-i", "1", "-w", "100ms",
                "-r", "200ms", "-p", "model=" + model, "-p", "batchSize=2,1", "-p", "provider=CPU", "--out", runDir.toString());
        int exit = jar.waitFor();
        String output = jar.output();

        assertThat(exit).as("a failed configuration is a failed run; output:%n%s", output).isEqualTo(1);
        assertThat(output).contains("EdgeBench: configuration 2 of 2").contains("failed:").contains(" CPU b2 t0: ");
        JsonNode results = JSON.readTree(runDir.resolve("jmh.json").toFile());
        assertThat(results).singleElement().satisfies(r ->
                assertThat(r.path("params").path("batchSize").asText()).isEqualTo("1"));
        JsonNode run = JSON.readTree(runDir.resolve("env.json").toFile()).path("run");
        assertThat(run.path("finished").asInt()).isEqualTo(1);
        assertThat(run.path("failed")).singleElement().satisfies(f -> {
            assertThat(f.path("params").path("batchSize").asText()).isEqualTo("2");
            assertThat(f.path("reason").asText()).isNotBlank();
        });
    }

    @Test
    void anInterruptedRunKeepsTheFinishedConfigurations() throws Exception {
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.start(dir.resolve("log.txt"), "-f", "1", "-wi", "1", "-i", "3", "-w", "200ms",
                "-r", "1s", "-p", "batchSize=1,8,32", "-p", "provider=CPU", "--out", runDir.toString());
        assertThat(jar.awaitOutput("EdgeBench: configuration 2 of 3", 120)).as("second configuration started").isTrue();
        jar.process.destroy();
        jar.waitFor();
        String output = jar.output();

        assertThat(output).contains("EdgeBench: interrupted; kept 1 finished configuration(s) of 3");
        JsonNode results = JSON.readTree(runDir.resolve("jmh.json").toFile());
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.path("params").path("batchSize").asText()).isEqualTo("1");
            assertThat(r.path("primaryMetric").path("scorePercentiles").path("50.0").asDouble()).isPositive();
        });
        JsonNode run = JSON.readTree(runDir.resolve("env.json").toFile()).path("run");
        assertThat(run.path("interrupted").asBoolean()).isTrue();
        assertThat(run.path("complete").asBoolean()).isFalse();
        assertThat(runDir.toFile().list()).noneMatch(name -> name.endsWith(".tmp"));
        assertThat(runDir.resolve("summary.txt")).as("the report covers what finished").content()
                .contains("INTERRUPTED").contains("1 of 3 configurations");
        assertThat(runDir.resolve("latency.csv")).isNotEmptyFile();
    }
}
