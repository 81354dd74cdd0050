package org.edgebench.it;

import org.edgebench.model.generator.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * About twenty small generated models: element types, ranks, static and dynamic dimensions,
 * several inputs and outputs, an operator ONNX Runtime rejects, a batch the model cannot take.
 * Each one either runs or gets a one-line reason, and the launcher never dies.
 */
class AnyModelIT {

    @TempDir
    static Path dir;

    /** Model file -> extra launcher arguments. */
    private static final Map<Path, List<String>> MODELS = new LinkedHashMap<>();

    @BeforeAll
    static void generate() throws Exception {
        Path models = dir.resolve("models");
        // Every fixed-width element type is InputSynthesizerTest's, in one JVM, at rank 3. End to end: the
        // types with code of their own (half floats, bool, strings, int64 ids), float32, and one the Java API
        // cannot create (uint16); rank 4 for three of them.
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("float32", TestModels.FLOAT);
        types.put("float16", TestModels.FLOAT16);
        types.put("bfloat16", TestModels.BFLOAT16);
        types.put("int64", TestModels.INT64);
        types.put("bool", TestModels.BOOL);
        types.put("uint16", 4);
        types.put("string", TestModels.STRING);
        for (Map.Entry<String, Integer> type : types.entrySet()) {
            add(TestModels.identity(models, type.getKey() + "_dynamic", type.getValue(), "batch"));
        }
        for (String type : List.of("float32", "float16", "string")) {
            add(TestModels.identity(models, type + "_rank4", types.get(type), "batch", 2, 3, 4));
        }
        add(TestModels.identity(models, "static_rank2", TestModels.FLOAT, 1, 16));
        add(TestModels.identity(models, "static_batch4", TestModels.FLOAT, 4, 16));
        add(TestModels.identity(models, "scalar", TestModels.FLOAT));
        add(TestModels.identity(models, "unnamed_extra_dim", TestModels.FLOAT, "batch", "width"));
        add(TestModels.twoInputs(models, "two_inputs_with_dims"), "-p", "dims=sequence_length=5");
        add(TestModels.twoInputs(models, "two_inputs_without_dims"));
        add(TestModels.mixed(models, "mixed_inputs"));
        add(TestModels.unknownOperator(models, "unknown_operator"));
        add(TestModels.batchOneOnly(models, "batch_one_only"));
        Files.writeString(models.resolve("text_file.onnx"), "not a model");
        add(models.resolve("text_file.onnx"));
    }

    private static void add(Path model, String... extra) {
        MODELS.put(model, List.of(extra));
    }

    @Test
    void everyModelRunsOrGetsAOneLineReason() throws Exception {
        assertThat(MODELS).hasSizeGreaterThanOrEqualTo(19);
        List<String> outcomes = new ArrayList<>();
        int ran = 0;
        for (Map.Entry<Path, List<String>> model : MODELS.entrySet()) {
            String name = model.getKey().getFileName().toString();
            List<String> args = new ArrayList<>(List.of("-f", "1", "-wi", "0", "-i", "1", "-r", "100ms",
                    "-p", "model=" + model.getKey(), "-p", "batchSize=2", "-p", "provider=CPU",
                    "--out", dir.resolve("runs").resolve(name).toString()));
            args.addAll(model.getValue());
            JarProcess jar = JarProcess.start(dir.resolve(name + ".log"), args.toArray(String[]::new));
            int exit = jar.waitFor();
            String output = jar.output();
            assertThat(output).as(name).doesNotContain("hs_err").doesNotContain("Exception in thread \"main\"");
            switch (exit) {
                case 0 -> {
                    ran++;
                    assertThat(output).as(name).contains("(1 of 1 configurations)");
                }
                case 1 -> assertThat(output).as(name).contains("failed:");
                case 2 -> {
                    List<String> lines = output.lines().filter(l -> l.startsWith("edgebench: ")).toList();
                    assertThat(lines).as(name + " output:%n" + output).hasSize(1);
                    assertThat(output.lines().filter(l -> l.contains("\tat ")).count()).as(name).isZero();
                }
                default -> throw new AssertionError(name + ": the launcher died with exit code " + exit + ":\n" + output);
            }
            outcomes.add(name + " -> " + exit);
        }
        assertThat(ran).as("models that ran: %s", outcomes).isGreaterThanOrEqualTo(10);
        assertThat(outcomes).contains("unknown_operator.onnx -> 2", "string_dynamic.onnx -> 0", "uint16_dynamic.onnx -> 2",
                "two_inputs_without_dims.onnx -> 2", "two_inputs_with_dims.onnx -> 0", "batch_one_only.onnx -> 1",
                "static_batch4.onnx -> 2", "text_file.onnx -> 2", "float16_rank4.onnx -> 0", "mixed_inputs.onnx -> 0");
    }

    @Test
    void theModelsCommandListsEveryFileAndGoesOnPastBrokenOnes() throws Exception {
        JarProcess jar = JarProcess.startWith(List.of("-Dedgebench.models=" + dir.resolve("models")),
                dir.resolve("models.log"), "models");
        int exit = jar.waitFor();
        String output = jar.output();
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("unknown_operator  (").contains("text_file  (")
                .contains("input    pixels float32[batch, 3, 4, 4]")
                .contains("input    ids int64[batch, sequence_length]");
        assertThat(output.lines().filter(l -> l.startsWith("  error")).count()).isGreaterThanOrEqualTo(2);
    }
}
