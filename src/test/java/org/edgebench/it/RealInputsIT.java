package org.edgebench.it;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import org.edgebench.model.generator.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model whose synthesized inputs do not suit it (a Gather on a one-row table, given index 1)
 * fails in its fork with one EdgeBench line naming the operator and the way out, and runs on its
 * own test data with {@code -p inputs=auto}, repeated along the batch.
 */
class RealInputsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path model;

    @BeforeEach
    void gatherWithItsTestData() throws Exception {
        model = TestModels.gather(dir.resolve("test_gather"), "model");
        Path data = Files.createDirectories(dir.resolve("test_gather/test_data_set_0"));
        ByteBuffer table = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(3).putFloat(4);
        Files.write(data.resolve("input_0.pb"), TensorProto.newBuilder().setName("data").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(1).addDims(4).setRawData(ByteString.copyFrom(table.array())).build().toByteArray());
        Files.write(data.resolve("input_1.pb"), TensorProto.newBuilder().setName("indices").setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(1).addInt64Data(0).build().toByteArray());
    }

    @Test
    void synthesizedIndicesFailInTheirForkWithOneLineNamingTheOperator() throws Exception {
        Path runDir = dir.resolve("synthesized");
        JarProcess jar = JarProcess.start(dir.resolve("synthesized.log"), "OrtSessionRunBenchmark", "-f", "1", "-wi", "1",
                "-w", "200ms", "-i", "1", "-r", "200ms", "-p", "model=" + model, "-p", "provider=CPU", "-p", "batchSize=2",
                "--out", runDir.toString());
        int exit = jar.waitFor();
        String output = jar.output();

        assertThat(exit).as(output).isEqualTo(1);
        String expected = "EdgeBench: OrtSessionRunBenchmark.run " + model + " CPU b2 t0 failed in a Gather node ('/Gather'):"
                + " indices element out of data bounds";
        assertThat(output.lines().filter(l -> l.startsWith(expected)).toList()).as(output).singleElement()
                .satisfies(line -> assertThat(line).endsWith("its synthesized input values may not suit the model:"
                        + " try -p inputs=auto (it has test_data_set_0) or -p inputs=DIR"));
        assertThat(output.indexOf(expected)).as("after JMH's own output").isGreaterThan(output.indexOf("# Run complete"));
        JsonNode failed = JSON.readTree(runDir.resolve("env.json").toFile()).path("run").path("failed");
        assertThat(failed).singleElement().satisfies(f -> assertThat(f.path("reason").asText())
                .startsWith("failed in a Gather node ('/Gather'): indices element out of data bounds"));
    }

    @Test
    void theModelsOwnTestDataRunsRepeatedAlongTheBatch() throws Exception {
        Path runDir = dir.resolve("auto");
        JarProcess jar = JarProcess.start(dir.resolve("auto.log"), "OrtSessionRunBenchmark", "-f", "1", "-wi", "1",
                "-w", "200ms", "-i", "1", "-r", "200ms", "-p", "model=" + model, "-p", "provider=CPU", "-p", "batchSize=3",
                "-p", "inputs=auto", "--out", runDir.toString());
        int exit = jar.waitFor();
        String output = jar.output();

        assertThat(exit).as(output).isZero();
        assertThat(output).contains("CPU b3 t0 inputs=auto").doesNotContain("failed in a");
        assertThat(runDir.resolve("latency.csv")).content().contains(",inputs=auto");
    }
}
